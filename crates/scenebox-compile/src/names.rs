//! Identifier bookkeeping: which names a piece of code mentions, and fresh names that
//! collide with none of them.

use std::collections::HashSet;

use swc_core::ecma::{
    ast::Ident,
    atoms::Atom,
    visit::{Visit, VisitWith},
};

/// Every identifier name mentioned in `node` (bindings and references; not property names).
pub(crate) fn mentioned_names<N: VisitWith<NameCollector>>(node: &N) -> HashSet<Atom> {
    let mut collector = NameCollector::default();
    node.visit_with(&mut collector);
    collector.names
}

/// Collects identifier names; see [`mentioned_names`].
#[derive(Default)]
pub(crate) struct NameCollector {
    names: HashSet<Atom>,
}

impl Visit for NameCollector {
    fn visit_ident(&mut self, ident: &Ident) {
        self.names.insert(ident.sym.clone());
    }
}

/// `base` if no name in `used` equals it, else `base$1`, `base$2`, …
pub(crate) fn fresh_name(base: &str, used: &HashSet<Atom>) -> String {
    if !used.contains(&Atom::from(base)) {
        return base.to_string();
    }
    (1..)
        .map(|n| format!("{base}${n}"))
        .find(|candidate| !used.contains(&Atom::from(candidate.as_str())))
        .expect("an unused name exists")
}
