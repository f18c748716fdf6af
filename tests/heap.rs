//! The wasm build's allocator (`lingpao::heap`), run natively on a buffer that grows like
//! linear memory: every block is aligned, inside memory and disjoint from the live ones,
//! keeps its bytes through realloc and while others come and go; freed blocks are taken
//! back, so a workload run twice takes no more memory than once; running out of memory
//! or asking for absurd sizes or alignments gives null, not a panic.

use lingpao::heap::{Heap, Pages, PAGE};
use proptest::prelude::*;
use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::cell::Cell;
use std::rc::Rc;

/// `limit` pages of real memory, handed out a few at a time by `grow`. With `gap`, every
/// growth first skips a page, as if someone else had grown memory in between.
struct Buffer {
    base: usize,
    used: Rc<Cell<usize>>,
    limit: usize,
    gap: bool,
}

struct Memory {
    base: *mut u8,
    layout: Layout,
}

impl Memory {
    fn new(pages: usize) -> Self {
        let layout = Layout::from_size_align(pages * PAGE, PAGE).unwrap();
        // SAFETY: the layout has a non-zero size.
        let base = unsafe { alloc_zeroed(layout) };
        assert!(!base.is_null());
        Memory { base, layout }
    }
    /// A heap on this memory, and the count of pages it took.
    fn heap(&self, gap: bool) -> (Heap<Buffer>, Rc<Cell<usize>>) {
        let used = Rc::new(Cell::new(0));
        (Heap::new(Buffer { base: self.base as usize, used: used.clone(), limit: self.layout.size() / PAGE, gap }), used)
    }
}

impl Drop for Memory {
    fn drop(&mut self) {
        // SAFETY: allocated in `new` with this layout.
        unsafe { dealloc(self.base, self.layout) }
    }
}

impl Pages for Buffer {
    fn grow(&mut self, pages: usize) -> Option<usize> {
        let skip = usize::from(self.gap);
        let at = self.used.get() + skip;
        if at + pages > self.limit {
            return None;
        }
        self.used.set(at + pages);
        Some(self.base + at * PAGE)
    }
}

#[derive(Clone, Debug)]
enum Op {
    Alloc { size: usize, align: usize },
    Free(usize),
    Realloc(usize, usize),
}

fn size() -> impl Strategy<Value = usize> {
    prop_oneof![4 => 1usize..=64, 3 => 65usize..=4096, 1 => 4097usize..=200_000]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (size(), prop_oneof![8 => 0u32..=4, 1 => 5u32..=12]).prop_map(|(size, a)| Op::Alloc { size, align: 1 << a }),
        2 => any::<usize>().prop_map(Op::Free),
        2 => (any::<usize>(), size()).prop_map(|(i, n)| Op::Realloc(i, n)),
    ]
}

struct Live {
    ptr: usize,
    size: usize,
    align: usize,
    fill: u8,
}

/// Runs `ops` on `heap`, checking every block, then frees what is left.
fn run(heap: &mut Heap<Buffer>, memory: &Memory, used: &Cell<usize>, ops: &[Op]) {
    let mut live: Vec<Live> = Vec::new();
    let mut fill = 0u8;
    let check = |live: &[Live], b: &Live, skip: usize| {
        assert_eq!(b.ptr % b.align, 0, "block {:#x} of {} bytes not aligned to {}", b.ptr, b.size, b.align);
        let (lo, hi) = (memory.base as usize, memory.base as usize + used.get() * PAGE);
        assert!(b.ptr >= lo && b.ptr + b.size <= hi, "block {:#x}+{} outside memory {lo:#x}..{hi:#x}", b.ptr, b.size);
        for (i, o) in live.iter().enumerate() {
            assert!(i == skip || b.ptr + b.size <= o.ptr || o.ptr + o.size <= b.ptr, "block {:#x}+{} overlaps live {:#x}+{}", b.ptr, b.size, o.ptr, o.size);
        }
    };
    let intact = |b: &Live, n: usize| {
        // SAFETY: a live block of at least n bytes.
        let bytes = unsafe { std::slice::from_raw_parts(b.ptr as *const u8, n) };
        assert!(bytes.iter().all(|&x| x == b.fill), "block {:#x}+{} lost its bytes", b.ptr, b.size);
    };
    // SAFETY: a live block of b.size bytes.
    let paint = |b: &Live| unsafe { std::ptr::write_bytes(b.ptr as *mut u8, b.fill, b.size) };
    for op in ops {
        fill = fill.wrapping_add(1);
        match *op {
            Op::Alloc { size, align } => {
                // SAFETY: the heap's free lists hold only blocks it handed out.
                let ptr = unsafe { heap.alloc(size, align) } as usize;
                assert!(ptr != 0, "alloc({size}, {align}) gave null with memory to spare");
                let b = Live { ptr, size, align, fill };
                check(&live, &b, usize::MAX);
                paint(&b);
                live.push(b);
            }
            Op::Free(i) if !live.is_empty() => {
                let b = live.swap_remove(i % live.len());
                intact(&b, b.size);
                // SAFETY: allocated with this size and align, and dropped from `live`.
                unsafe { heap.dealloc(b.ptr as *mut u8, b.size, b.align) };
            }
            Op::Realloc(i, new) if !live.is_empty() => {
                let i = i % live.len();
                intact(&live[i], live[i].size);
                let (old, align) = (live[i].size, live[i].align);
                // SAFETY: allocated with this size and align; its entry is replaced.
                let ptr = unsafe { heap.realloc(live[i].ptr as *mut u8, old, align, new) } as usize;
                assert!(ptr != 0);
                let b = Live { ptr, size: new, align, fill: live[i].fill };
                check(&live, &b, i);
                intact(&b, old.min(new));
                live[i] = Live { fill, ..b };
                paint(&live[i]);
            }
            _ => {}
        }
    }
    for b in live.drain(..) {
        intact(&b, b.size);
        // SAFETY: as above.
        unsafe { heap.dealloc(b.ptr as *mut u8, b.size, b.align) };
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn blocks_are_aligned_disjoint_and_keep_their_bytes(ops in prop::collection::vec(op(), 1..300), gap in any::<bool>()) {
        let memory = Memory::new(512);
        let (mut heap, used) = memory.heap(gap);
        run(&mut heap, &memory, &used, &ops);
    }

    #[test]
    fn freed_blocks_are_taken_back(ops in prop::collection::vec(op(), 1..300)) {
        let memory = Memory::new(512);
        let (mut heap, used) = memory.heap(false);
        run(&mut heap, &memory, &used, &ops);
        let once = used.get();
        for _ in 0..3 {
            run(&mut heap, &memory, &used, &ops);
        }
        prop_assert_eq!(used.get(), once, "the same workload grew memory again");
    }
}

#[test]
fn running_out_of_memory_gives_null_and_the_heap_goes_on() {
    let memory = Memory::new(4);
    let (mut heap, used) = memory.heap(false);
    // SAFETY: nothing is freed; the blocks are only counted.
    unsafe {
        assert!(heap.alloc(5 * PAGE, 8).is_null());
        assert!(heap.alloc(usize::MAX, 1).is_null());
        assert!(heap.alloc(usize::MAX / 2 + 2, 8).is_null());
        assert!(heap.alloc(8, usize::MAX / 2 + 1).is_null());
        assert!(heap.alloc(8, 2 * PAGE).is_null(), "alignment over a page is refused");
        let small = heap.alloc(24, 8);
        assert!(!small.is_null());
        assert!(used.get() <= 4);
    }
}

#[test]
fn a_block_grows_in_place_within_its_size_class() {
    let memory = Memory::new(4);
    let (mut heap, _) = memory.heap(false);
    // SAFETY: each block is given back with the size it has.
    unsafe {
        let a = heap.alloc(20, 4);
        assert_eq!(heap.realloc(a, 20, 4, 32), a, "20 and 32 bytes are both in the 32-byte class");
        let b = heap.realloc(a, 32, 4, 33);
        assert_ne!(b, a, "33 bytes need the 64-byte class");
        assert_eq!(heap.alloc(30, 1), a, "the 32-byte block freed by realloc is taken back");
    }
}
