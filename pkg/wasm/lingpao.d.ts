/* tslint:disable */
/* eslint-disable */

/**
 * `compare(request)`: the same achievements in every region, ranked.
 */
export function compare(request: any): any;

/**
 * `estimate(request)`: one region's estimate.
 */
export function estimate(request: any): any;

/**
 * `estimate_json(text)`: the same from JSON text to JSON text (what the CLI does).
 */
export function estimateJson(request: string): string;

/**
 * `explain(region, lang?)`: the region's rules as data.
 */
export function explain(region: string, lang_?: string | null): any;

/**
 * `regions(asOf?, lang?)`: every region with its policies and their status.
 */
export function regions(as_of?: string | null, lang_?: string | null): any;

/**
 * `version()`: package version and policy-data version.
 */
export function version(): any;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly compare: (a: any) => [number, number, number];
    readonly estimate: (a: any) => [number, number, number];
    readonly estimateJson: (a: number, b: number) => [number, number, number, number];
    readonly explain: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly regions: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly version: () => [number, number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
