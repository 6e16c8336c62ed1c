//! Undo and redo: a bounded list of earlier states and of undone ones.

/// Earlier states (`past`, newest last) and undone ones (`future`, the next
/// redo last). States are whole values; keep them cheap to clone (the
/// document shares its text).
#[derive(Debug, Clone)]
pub struct History<T> {
    past: Vec<T>,
    future: Vec<T>,
    limit: usize,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History::new(200)
    }
}

impl<T> History<T> {
    /// An empty history keeping at most `limit` earlier states (at least 1).
    pub fn new(limit: usize) -> Self {
        History {
            past: Vec::new(),
            future: Vec::new(),
            limit: limit.max(1),
        }
    }

    /// Records `before`, the state just replaced by a change; forgets what
    /// was undone.
    pub fn record(&mut self, before: T) {
        self.future.clear();
        self.past.push(before);
        if self.past.len() > self.limit {
            let extra = self.past.len() - self.limit;
            self.past.drain(..extra);
        }
    }

    /// Steps back: returns the previous state and keeps `current` for redo.
    pub fn undo(&mut self, current: T) -> Result<T, T> {
        match self.past.pop() {
            Some(prev) => {
                self.future.push(current);
                Ok(prev)
            }
            None => Err(current),
        }
    }

    /// Steps forward again: returns the undone state and keeps `current`
    /// for undo.
    pub fn redo(&mut self, current: T) -> Result<T, T> {
        match self.future.pop() {
            Some(next) => {
                self.past.push(current);
                Ok(next)
            }
            None => Err(current),
        }
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Forgets everything (a new document).
    pub fn clear(&mut self) {
        self.past.clear();
        self.future.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_redo_and_branching() {
        let mut h = History::new(10);
        let mut state = 0;
        for next in 1..=3 {
            h.record(state);
            state = next;
        }
        state = h.undo(state).unwrap();
        assert_eq!(state, 2);
        state = h.undo(state).unwrap();
        assert_eq!(state, 1);
        state = h.redo(state).unwrap();
        assert_eq!(state, 2);
        // A new change forgets the redo branch.
        h.record(state);
        state = 9;
        assert!(!h.can_redo());
        assert_eq!(h.redo(state), Err(9));
        assert_eq!(h.undo(state), Ok(2));
    }

    #[test]
    fn bounded() {
        let mut h = History::new(2);
        for i in 0..5 {
            h.record(i);
        }
        assert_eq!(h.undo(5), Ok(4));
        assert_eq!(h.undo(4), Ok(3));
        assert_eq!(h.undo(3), Err(3));
    }
}
