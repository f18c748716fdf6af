//! The wasm build's allocator: blocks of power-of-two sizes, each size with a free list of
//! its own, carved from fresh pages at the top of linear memory. It replaces std's
//! dlmalloc, whose code was the largest piece of std left in the module, and is faster
//! per call (docs/performance.md).
//!
//! Why this is enough here: the module allocates the strings and vectors of one call and
//! frees them by its end, and the next call takes the same sizes back from the lists;
//! only the catalog's caches are kept for good. A block is reused for its own size only
//! (nothing is split or merged), so the heap holds at most twice the bytes live at the
//! peak of each size. Blocks are aligned to their size (up to a page), which covers any
//! alignment up to that. The logic is generic over where pages come from, so native
//! tests run it on a buffer; on wasm32 it is the global allocator over `memory.grow`.

/// Where fresh memory comes from: `grow(pages)` adds that many pages of 64 KiB and returns
/// the address where they start (the previous end), or `None` when memory is exhausted.
pub trait Pages {
    fn grow(&mut self, pages: usize) -> Option<usize>;
}

pub const PAGE: usize = 65536;
/// The smallest block holds the address of the next free one.
const MIN_CLASS: u32 = 3;
/// Classes up to 2^BITS, so any size has a slot; those over `isize::MAX` stay empty.
const CLASSES: usize = usize::BITS as usize + 1;

pub struct Heap<P> {
    pages: P,
    /// The first free block of each size class 2^k (0: none).
    free: [usize; CLASSES],
    /// Fresh memory not yet carved: `[top, end)`.
    top: usize,
    end: usize,
}

/// The size class of a block that can hold `size` bytes aligned to `align`.
fn class_of(size: usize, align: usize) -> u32 {
    let n = size.max(align);
    if n <= 1 << MIN_CLASS {
        MIN_CLASS
    } else {
        usize::BITS - (n - 1).leading_zeros()
    }
}

impl<P: Pages> Heap<P> {
    pub const fn new(pages: P) -> Self {
        Heap { pages, free: [0; CLASSES], top: 0, end: 0 }
    }

    /// A block for `size` bytes aligned to `align` (a power of two), or null: when memory
    /// is exhausted, the size is over `isize::MAX`, or the alignment over a page.
    ///
    /// # Safety
    /// The free lists must hold only blocks this heap handed out and got back through
    /// [`Heap::dealloc`], which is what `GlobalAlloc`'s contract guarantees.
    #[inline(never)]
    pub unsafe fn alloc(&mut self, size: usize, align: usize) -> *mut u8 {
        let class = class_of(size, align);
        if align > PAGE {
            return core::ptr::null_mut();
        }
        let head = self.free[class as usize];
        if head != 0 {
            // SAFETY: a free block of this class, at least 8 bytes, aligned, holds the next.
            self.free[class as usize] = unsafe { *(head as *const usize) };
            return head as *mut u8;
        }
        self.carve(class).map_or(core::ptr::null_mut(), |a| a as *mut u8)
    }

    /// A fresh block of class `class` from the top, growing memory as needed. Blocks
    /// are aligned to their size up to a page, so a fresh run of pages fits any block.
    fn carve(&mut self, class: u32) -> Option<usize> {
        let size = 1usize.checked_shl(class).filter(|&s| s <= isize::MAX as usize)?;
        let align = size.min(PAGE);
        let mut start = self.top.checked_add(align - 1)? & !(align - 1);
        if start.checked_add(size)? > self.end {
            // Enough pages for the block on its own, as they may not follow the old end
            // (someone else grew memory since, or this is the first growth); then the
            // rest of the old region is left unused.
            let pages = size.div_ceil(PAGE);
            let at = self.pages.grow(pages)?;
            if at != self.end {
                start = at;
            }
            self.end = at.checked_add(pages * PAGE)?;
        }
        self.top = start + size;
        Some(start)
    }

    /// # Safety
    /// `ptr` came from this heap's `alloc` (or `realloc`) with the same `size` and `align`,
    /// and is not used again.
    #[inline(never)]
    pub unsafe fn dealloc(&mut self, ptr: *mut u8, size: usize, align: usize) {
        let class = class_of(size, align) as usize;
        // SAFETY: the block is ours, at least 8 bytes and aligned to 8, and no longer used.
        unsafe { *(ptr as *mut usize) = self.free[class] };
        self.free[class] = ptr as usize;
    }

    /// # Safety
    /// As for [`Heap::dealloc`], with `old` the size `ptr` was allocated with.
    #[inline(never)]
    pub unsafe fn realloc(&mut self, ptr: *mut u8, old: usize, align: usize, new: usize) -> *mut u8 {
        if class_of(old, align) == class_of(new, align) {
            return ptr;
        }
        // SAFETY: as the caller's; the new block does not overlap a live one.
        unsafe {
            let moved = self.alloc(new, align);
            if !moved.is_null() {
                core::ptr::copy_nonoverlapping(ptr, moved, old.min(new));
                self.dealloc(ptr, old, align);
            }
            moved
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod global {
    use super::{Heap, Pages, PAGE};
    use core::alloc::{GlobalAlloc, Layout};
    use core::cell::UnsafeCell;

    #[cfg(target_feature = "atomics")]
    compile_error!("the heap assumes one thread: build without the atomics feature");

    struct Memory;

    impl Pages for Memory {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            let previous = core::arch::wasm32::memory_grow(0, pages);
            (previous != usize::MAX).then(|| previous * PAGE)
        }
    }

    struct Global(UnsafeCell<Heap<Memory>>);

    // SAFETY: wasm32 without the atomics feature (checked above) runs one thread, and no
    // call into the heap re-enters it.
    unsafe impl Sync for Global {}

    #[global_allocator]
    static HEAP: Global = Global(UnsafeCell::new(Heap::new(Memory)));

    // SAFETY: a block is at least the layout's size and aligned to its size up to a page,
    // which covers the layout's alignment (larger ones are refused with null); one block
    // is handed out once until it is given back.
    unsafe impl GlobalAlloc for Global {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            unsafe { (*self.0.get()).alloc(l.size(), l.align()) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, l: Layout) {
            unsafe { (*self.0.get()).dealloc(ptr, l.size(), l.align()) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, l: Layout, new: usize) -> *mut u8 {
            unsafe { (*self.0.get()).realloc(ptr, l.size(), l.align(), new) }
        }
    }
}
