//! How many times each component has rendered, counted in debug builds only: the browser
//! tests read it to show that a change renders what it changed and nothing else. A release
//! build keeps no count (the calls compile to nothing).

#[cfg(debug_assertions)]
thread_local! {
    static COUNTS: std::cell::RefCell<Vec<(&'static str, u32)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Called at the top of a component's render.
#[inline]
pub fn rendered(component: &'static str) {
    #[cfg(debug_assertions)]
    COUNTS.with_borrow_mut(
        |counts| match counts.iter_mut().find(|(c, _)| *c == component) {
            Some((_, n)) => *n += 1,
            None => counts.push((component, 1)),
        },
    );
    #[cfg(not(debug_assertions))]
    let _ = component;
}

/// The renders counted since the last call, by component (those that rendered), and a fresh
/// start.
pub fn take() -> Vec<(&'static str, u32)> {
    #[cfg(debug_assertions)]
    return COUNTS.with_borrow_mut(std::mem::take);
    #[cfg(not(debug_assertions))]
    Vec::new()
}
