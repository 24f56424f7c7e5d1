//! A map that keeps a bounded number of entries: the one used least recently goes first.
//! Finding it walks the map, which costs little at the sizes the store keeps (up to about a
//! thousand) and only when a full map takes a new key.

use std::collections::HashMap;
use std::hash::Hash;

pub(super) struct Lru<K, V> {
    entries: HashMap<K, (V, u64)>,
    capacity: usize,
    /// Counts uses, so the entry used least recently has the smallest stamp.
    clock: u64,
}

impl<K: Hash + Eq + Clone, V> Lru<K, V> {
    pub(super) fn new(capacity: usize) -> Lru<K, V> {
        Lru {
            entries: HashMap::new(),
            capacity,
            clock: 0,
        }
    }

    pub(super) fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        self.clock += 1;
        let now = self.clock;
        let (value, used) = self.entries.get_mut(key)?;
        *used = now;
        Some(value)
    }

    /// Keeps `value` under `key`, making room first when the map is full.
    pub(super) fn insert(&mut self, key: K, value: V) {
        if !self.entries.contains_key(&key) {
            self.make_room();
        }
        self.clock += 1;
        self.entries.insert(key, (value, self.clock));
    }

    /// The value under `key`, made and kept first if there is none.
    pub(super) fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        if !self.entries.contains_key(&key) {
            self.make_room();
        }
        self.clock += 1;
        let now = self.clock;
        let (value, used) = self.entries.entry(key).or_insert_with(|| (make(), now));
        *used = now;
        value
    }

    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Drops the entry used least recently when the map is full.
    fn make_room(&mut self) {
        if self.entries.len() < self.capacity {
            return;
        }
        let oldest = self
            .entries
            .iter()
            .min_by_key(|(_, (_, used))| *used)
            .map(|(key, _)| key.clone());
        if let Some(oldest) = oldest {
            self.entries.remove(&oldest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_map_drops_the_entry_used_least_recently() {
        let mut lru = Lru::new(2);
        lru.insert("a", 1);
        *lru.get_or_insert_with("b", || 2) += 10;
        assert_eq!(lru.get_mut(&"a"), Some(&mut 1));
        assert_eq!(
            *lru.get_or_insert_with("b", || 0),
            12,
            "kept, not made again"
        );
        lru.insert("c", 3);
        assert_eq!(lru.len(), 2);
        assert_eq!(lru.get_mut(&"a"), None, "used least recently");
        assert_eq!(lru.get_mut(&"b"), Some(&mut 12));
        assert_eq!(*lru.get_or_insert_with("d", || 4), 4);
        assert_eq!(lru.get_mut(&"c"), None);
    }
}
