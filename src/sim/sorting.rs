//! Sorting with one shared implementation.
//!
//! The standard library's sorts are generic over the element and the comparison, so every call
//! site compiles its own copy of the whole algorithm (about 3.5 KB of wasm each; fifty of them
//! were 8 % of the page's code). Here the sorting itself is compiled once: it orders positions,
//! asking a `dyn` comparison about two positions at a time, and a call site adds only the
//! small step that moves its elements into that order.
//!
//! Like `slice::sort_by`, these sorts are stable (equal elements keep their order) and take
//! O(n log n) comparisons. They are a little slower per comparison than the standard sorts,
//! which matters to no list the page sorts (the largest are a few thousand names).

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Sorts `v` by `compare`, stably.
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        positions_in_order(
            items.len(),
            &mut |a, b| match (items.get(a), items.get(b)) {
                (Some(x), Some(y)) => compare(x, y) == Ordering::Greater,
                _ => false,
            },
        )
    };
    if let Some(order) = order {
        reorder(v, order);
    }
}

/// Sorts `v` by the key `key` gives each element, stably.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order, stably.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// `pairs` as a map, inserted one at a time; of pairs with equal keys the last one's value is
/// kept, as with `collect`. (`collect` into a map sorts its input first, with a copy of the
/// standard sort for each kind of iterator it is given.)
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(pairs);
    map
}

/// Positions `0..n` in sorted order, where `after(a, b)` says the element at `a` goes after the
/// one at `b`; `None` when they already are in order. A bottom-up merge sort over runs first
/// put in order by insertion.
fn positions_in_order(n: usize, after: &mut dyn FnMut(usize, usize) -> bool) -> Option<Vec<usize>> {
    if (1..n).all(|i| !after(i.saturating_sub(1), i)) {
        return None;
    }
    const RUN: usize = 8;
    let mut order: Vec<usize> = (0..n).collect();
    for run in order.chunks_mut(RUN) {
        insertion_sort(run, after);
    }
    let mut merged: Vec<usize> = Vec::with_capacity(n);
    let mut width = RUN;
    while width < n {
        merged.clear();
        for pair in order.chunks(width.saturating_mul(2)) {
            let (left, right) = pair.split_at(width.min(pair.len()));
            merge(left, right, &mut merged, after);
        }
        std::mem::swap(&mut order, &mut merged);
        width = width.saturating_mul(2);
    }
    Some(order)
}

/// Puts a short run of positions in order, stably.
fn insertion_sort(run: &mut [usize], after: &mut dyn FnMut(usize, usize) -> bool) {
    for i in 1..run.len() {
        let mut j = i;
        while let Some(before) = j.checked_sub(1) {
            match (run.get(before), run.get(j)) {
                (Some(&a), Some(&b)) if after(a, b) => run.swap(before, j),
                _ => break,
            }
            j = before;
        }
    }
}

/// Merges two sorted runs into `out`; on a tie the left one's element comes first (stable).
fn merge(
    left: &[usize],
    right: &[usize],
    out: &mut Vec<usize>,
    after: &mut dyn FnMut(usize, usize) -> bool,
) {
    let (mut l, mut r) = (
        left.iter().copied().peekable(),
        right.iter().copied().peekable(),
    );
    loop {
        match (l.peek(), r.peek()) {
            (Some(&a), Some(&b)) => {
                if after(a, b) {
                    out.push(b);
                    r.next();
                } else {
                    out.push(a);
                    l.next();
                }
            }
            (Some(_), None) => {
                out.extend(l);
                return;
            }
            (None, _) => {
                out.extend(r);
                return;
            }
        }
    }
}

/// Moves the elements of `v` so that position `i` holds what was at `order[i]`, following
/// each cycle of the permutation with swaps.
fn reorder<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            let from = std::mem::replace(slot, at);
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // the oracle is the standard sort
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, ties included: elements
        /// are (key, original position) pairs sorted by key alone.
        #[test]
        fn sorts_as_the_standard_stable_sort_does(keys in proptest::collection::vec(0u8..12, 0..300)) {
            let tagged: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut ours = tagged.clone();
            sort_by_key(&mut ours, |&(k, _)| k);
            let mut std_sorted = tagged;
            std_sorted.sort_by_key(|&(k, _)| k);
            prop_assert_eq!(ours, std_sorted);
        }

        #[test]
        fn a_descending_comparison_sorts_descending(mut v in proptest::collection::vec(any::<i32>(), 0..200)) {
            let mut expected = v.clone();
            expected.sort_by(|a, b| b.cmp(a));
            sort_by(&mut v, |a, b| b.cmp(a));
            prop_assert_eq!(v, expected);
        }
    }

    #[test]
    fn a_map_keeps_the_last_value_of_a_repeated_key_as_collect_does() {
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        let collected: BTreeMap<&str, i32> = pairs.into_iter().collect();
        assert_eq!(map_of(pairs), collected);
        assert_eq!(map_of(pairs).get("b"), Some(&3));
    }

    #[test]
    fn strings_sort_in_their_natural_order() {
        let mut names = vec!["deploy", "Admin", "auditor", "admin", "Deploy"];
        sort(&mut names);
        assert_eq!(names, ["Admin", "Deploy", "admin", "auditor", "deploy"]);
    }

    #[test]
    fn a_sorted_list_is_left_as_it_is() {
        let mut v: Vec<u32> = (0..1000).collect();
        sort(&mut v);
        assert!(v.iter().copied().eq(0..1000));
    }

    #[test]
    fn a_reversed_list_is_turned_around() {
        let mut v: Vec<u32> = (0..1000).rev().collect();
        sort(&mut v);
        assert!(v.iter().copied().eq(0..1000));
    }
}
