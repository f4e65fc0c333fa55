//! A value shared between copies of a document until one of them changes it.
//!
//! An imported account's world is megabytes of policies. Every undo snapshot, every copy the
//! page renders from and every pointer move of a drag copies the document; with the world
//! behind a reference count those copies share it, and only an edit of the world itself
//! (through `DerefMut`) copies it, once.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::{Deref, DerefMut};
use std::rc::Rc;

/// Copy-on-write: reads go straight through, the first write to a shared value copies it.
///
/// Deliberately not `Clone`: `doc.world.clone()` keeps meaning "a `World` of my own", as it
/// did before the world was shared. [`Shared::share`] is the cheap copy.
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }

    /// Another handle on the same value (no copy).
    pub fn share(&self) -> Self {
        Shared(self.0.clone())
    }

    /// The value as a reference-counted pointer, for code that keeps it (the simulator):
    /// an unchanged value gives the same pointer, so it can tell "unchanged" without
    /// comparing.
    pub fn rc(&self) -> Rc<T> {
        self.0.clone()
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Rc::make_mut(&mut self.0)
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Shared::new(value)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Shared::new)
    }
}
