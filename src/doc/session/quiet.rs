//! Quiet ticks: whether the session changed in anything but the clock's present.

use super::Session;
use crate::sim::world::World;
use std::rc::Rc;

impl Session {
    /// Whether `self` and `other` are the same session apart from the simulated present
    /// (`clock.now`): a tick that crosses no expiry and no workload refresh leaves everything
    /// else as it was, so only what shows time (countdowns, the clock readout) has to follow it.
    ///
    /// Invariant the page relies on: between two instants that compare the same here, the
    /// same sessions are live, because an expiry crossed lands on the timeline. So anything
    /// that depends on which credentials work (not on how long they have left) may read the
    /// present of the last change instead of the ticking one.
    ///
    /// The shared worlds and STS state are compared by identity first and walked only when
    /// they are different `Rc`s (a quiet tick leaves them shared).
    pub fn same_apart_from_now(&self, other: &Session) -> bool {
        fn same(a: &Option<Rc<World>>, b: &Option<Rc<World>>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b) || a == b,
                (None, None) => true,
                _ => false,
            }
        }
        self.clock.speed == other.clock.speed
            && self.clock.paused == other.clock.paused
            && (Rc::ptr_eq(&self.sts, &other.sts) || self.sts == other.sts)
            && same(&self.world, &other.world)
            && same(&self.document, &other.document)
            && self.guide == other.guide
            && self.parked == other.parked
            && self.run == other.run
            && self.card == other.card
            && self.pick_caller == other.pick_caller
            && self.defaults == other.defaults
            && self.generation == other.generation
            && self.reduced_motion == other.reduced_motion
            && self.opening == other.opening
    }
}
