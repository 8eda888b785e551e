//! The parameterized rewrite: every read of a window global becomes a read of the
//! `Remotion`/`Extras` parameters, done on the resolved AST so that strings, properties and
//! local bindings that merely share a name are never touched.

use std::collections::HashSet;

use swc_core::common::{Span, SyntaxContext, DUMMY_SP};
use swc_core::ecma::{
    ast::*,
    atoms::Atom,
    visit::{VisitMut, VisitMutWith},
};

use crate::codegen::TextEdit;
use crate::context::SceneContext;
use crate::dependencies::{global_source, GlobalSource, EXTRAS, PHASE1_ONLY_GLOBALS};
use crate::error::CompileWarning;
use crate::imports::member;
use swc_core::ecma::utils::find_pat_ids;

/// The parameterized artifact before printing: the statements of the outer function (run as
/// `new Function('Remotion', 'Extras', …)`), then the scene's statements, which run inside
/// `return (function () { …; return Component; })();`.
pub(crate) struct Parameterized {
    /// Aliases of the parameters the scene shadows, and the dependencies the scene reads as
    /// free identifiers (`React`, `LucideIcons`, …), declared once from `Extras`.
    pub prologue: Vec<Stmt>,
    /// The scene's top-level statements with every window read rewritten.
    pub body: Vec<Stmt>,
    /// How the rewrite changed `body[i]`.
    pub changes: Vec<Change>,
}

/// How the rewrite changed one top-level statement.
#[derive(Debug)]
pub(crate) enum Change {
    /// Not at all: the statement prints as in Phase 1.
    Unchanged,
    /// Only `window.NAME` reads, each of which [`TextEdit`] can replace in Phase 1's text.
    WindowReads(Vec<TextEdit>),
    /// Otherwise: the rewritten statement is printed.
    Rewritten,
}

/// Rewrites window reads in `body` to parameter reads. Free dependency identifiers keep
/// their names and are declared from `Extras` in the outer function, so that a statement
/// that only renders JSX (free `React`) stays as it is.
pub(crate) fn parameterize(
    ctx: &SceneContext<'_>,
    mut body: Vec<Stmt>,
    scopes: Scopes,
    warnings: &mut Vec<CompileWarning>,
) -> Parameterized {
    // Names the scene declares anywhere; a parameter alias must not be shadowed by them.
    let declared = declared_names(&body, scopes.unresolved);
    let top_level_bindings = top_level_bindings(&body);
    let remotion = crate::names::fresh_name("Remotion", &declared);
    let extras = crate::names::fresh_name("Extras", &declared);
    let mut rewrite = WindowRewrite {
        ctx,
        scopes,
        top_level_bindings,
        remotion: remotion.as_str().into(),
        extras: extras.as_str().into(),
        warnings,
        reported: HashSet::new(),
        free_extras: [false; EXTRAS.len()],
        changed: false,
        edits: Vec::new(),
    };
    let changes = body
        .iter_mut()
        .map(|stmt| {
            rewrite.changed = false;
            stmt.visit_mut_with(&mut rewrite);
            let edits = std::mem::take(&mut rewrite.edits);
            match (rewrite.changed, edits.is_empty()) {
                (true, _) => Change::Rewritten,
                (false, true) => Change::Unchanged,
                (false, false) => Change::WindowReads(edits),
            }
        })
        .collect();

    let mut prologue = Vec::with_capacity(2);
    let mut declarators: Vec<VarDeclarator> = [(remotion, "Remotion"), (extras, "Extras")]
        .into_iter()
        .filter(|(alias, param)| alias != param)
        .map(|(alias, param)| declarator(&alias, Expr::Ident(ident(&param.into()))))
        .collect();
    // The outer function sees the real `Extras` parameter: the scene's own bindings live in
    // the inner one.
    declarators.extend(
        EXTRAS
            .iter()
            .zip(rewrite.free_extras)
            .filter(|(_, free)| *free)
            .map(|(name, _)| {
                declarator(
                    name,
                    member(Expr::Ident(ident(&"Extras".into())), name, DUMMY_SP),
                )
            }),
    );
    if !declarators.is_empty() {
        prologue.push(Stmt::Decl(Decl::Var(Box::new(VarDecl {
            span: DUMMY_SP,
            ctxt: SyntaxContext::empty(),
            kind: VarDeclKind::Const,
            declare: false,
            decls: declarators,
        }))));
    }
    Parameterized {
        prologue,
        body,
        changes,
    }
}

/// `<name> = <init>` in a `const` declaration.
fn declarator(name: &str, init: Expr) -> VarDeclarator {
    VarDeclarator {
        span: DUMMY_SP,
        name: Pat::Ident(BindingIdent {
            id: ident(&name.into()),
            type_ann: None,
        }),
        init: Some(Box::new(init)),
        definite: false,
    }
}

/// `return <arg>;`
pub(crate) fn return_stmt(arg: impl Into<Box<Expr>>) -> Stmt {
    Stmt::Return(ReturnStmt {
        span: DUMMY_SP,
        arg: Some(arg.into()),
    })
}

fn ident(name: &Atom) -> Ident {
    Ident::new_no_ctxt(name.clone(), DUMMY_SP)
}

/// The names a parameter alias could collide with, in one walk: every name the scene mentions
/// that starts like an alias (`Remotion`, `Extras$1`, …; [`crate::names::fresh_name`] asks
/// about no other), except that `Remotion` and `Extras` count only where the scene binds them
/// (a free `Remotion` *is* the parameter).
fn declared_names(body: &Vec<Stmt>, unresolved: SyntaxContext) -> HashSet<Atom> {
    struct Collector {
        unresolved: SyntaxContext,
        names: HashSet<Atom>,
    }
    impl swc_core::ecma::visit::Visit for Collector {
        fn visit_ident(&mut self, ident: &Ident) {
            if !(ident.sym.starts_with("Remotion") || ident.sym.starts_with("Extras")) {
                return;
            }
            let parameter = matches!(&*ident.sym, "Remotion" | "Extras");
            if !parameter || ident.ctxt != self.unresolved {
                self.names.insert(ident.sym.clone());
            }
        }
    }
    let mut collector = Collector {
        unresolved,
        names: HashSet::new(),
    };
    swc_core::ecma::visit::VisitWith::visit_with(body, &mut collector);
    collector.names
}

/// The resolver's contexts: free identifiers, and top-level ones (the JSX transform gives the
/// `React` of `React.createElement` the top-level context even when the scene declares none).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scopes {
    pub unresolved: SyntaxContext,
    pub top_level: SyntaxContext,
}

/// Names bound by top-level declarations of `body`.
fn top_level_bindings(body: &[Stmt]) -> HashSet<Atom> {
    let mut names = HashSet::new();
    for stmt in body {
        match stmt {
            Stmt::Decl(Decl::Fn(f)) => {
                names.insert(f.ident.sym.clone());
            }
            Stmt::Decl(Decl::Class(c)) => {
                names.insert(c.ident.sym.clone());
            }
            Stmt::Decl(Decl::Var(var)) => {
                for declarator in &var.decls {
                    let ids: Vec<Id> = find_pat_ids(&declarator.name);
                    names.extend(ids.into_iter().map(|(sym, _)| sym));
                }
            }
            _ => {}
        }
    }
    names
}

/// The visitor behind [`parameterize`].
struct WindowRewrite<'a, 'w> {
    ctx: &'a SceneContext<'a>,
    scopes: Scopes,
    top_level_bindings: HashSet<Atom>,
    remotion: Atom,
    extras: Atom,
    warnings: &'w mut Vec<CompileWarning>,
    reported: HashSet<String>,
    /// Which [`EXTRAS`] the scene reads as free identifiers.
    free_extras: [bool; EXTRAS.len()],
    /// Whether the statement being visited was changed other than by [`Self::edits`].
    changed: bool,
    /// The `window.NAME` reads replaced in the statement being visited, as text edits.
    edits: Vec<TextEdit>,
}

impl WindowRewrite<'_, '_> {
    /// What a free identifier that names a known dependency becomes: `None` when it stays as
    /// it is (an extra declared in the outer function, or `Remotion` unaliased).
    fn free_dependency(&mut self, source: GlobalSource, span: Span) -> Option<Expr> {
        match source {
            GlobalSource::Remotion if &*self.remotion == "Remotion" => None,
            GlobalSource::Remotion => Some(self.source(source, span)),
            GlobalSource::Extra(name) => {
                if let Some(i) = EXTRAS.iter().position(|extra| *extra == name) {
                    self.free_extras[i] = true;
                }
                None
            }
        }
    }

    /// The text [`Self::source`] (or `(void 0)` for an unknown global) prints as, when it is
    /// that simple: parameters not aliased.
    fn replacement_text(&self, source: Option<GlobalSource>) -> Option<String> {
        match source {
            Some(GlobalSource::Remotion) => {
                (&*self.remotion == "Remotion").then(|| "Remotion".to_string())
            }
            Some(GlobalSource::Extra(name)) => {
                (&*self.extras == "Extras").then(|| format!("Extras.{name}"))
            }
            None => Some("(void 0)".to_string()),
        }
    }

    /// Whether `ident` names no binding of the scene (so in the browser it reads a global).
    fn is_free(&self, ident: &Ident) -> bool {
        ident.ctxt == self.scopes.unresolved
            || (ident.ctxt == self.scopes.top_level
                && !self.top_level_bindings.contains(&ident.sym))
    }

    fn is_global(&self, ident: &Ident, name: &str) -> bool {
        &*ident.sym == name && self.is_free(ident)
    }

    /// The parameter expression for a known dependency.
    fn source(&self, source: GlobalSource, span: Span) -> Expr {
        match source {
            GlobalSource::Remotion => Expr::Ident(Ident::new_no_ctxt(self.remotion.clone(), span)),
            GlobalSource::Extra(name) => member(
                Expr::Ident(Ident::new_no_ctxt(self.extras.clone(), span)),
                name,
                span,
            ),
        }
    }

    /// `{ Remotion: <Remotion>, ...<Extras> }`: what a bare `window` means to the scene.
    fn window_view(&self, span: Span) -> Expr {
        Expr::Object(ObjectLit {
            span,
            props: vec![
                PropOrSpread::Prop(Box::new(Prop::KeyValue(KeyValueProp {
                    key: PropName::Ident(IdentName::new("Remotion".into(), span)),
                    value: Box::new(self.source(GlobalSource::Remotion, span)),
                }))),
                PropOrSpread::Spread(SpreadElement {
                    dot3_token: span,
                    expr: Box::new(Expr::Ident(Ident::new_no_ctxt(self.extras.clone(), span))),
                }),
            ],
        })
    }

    fn warn_once(&mut self, key: String, kind: &str, span: Span, message: String) {
        if self.reported.insert(key) {
            let warning = self.ctx.warning(kind, span, message);
            self.warnings.push(warning);
        }
    }
}

/// `(expr)`: replacements are parenthesized as they are made, because the fixer has already run.
fn parenthesized(expr: Expr) -> Expr {
    Expr::Paren(ParenExpr {
        span: DUMMY_SP,
        expr: Box::new(expr),
    })
}

/// The property name of `obj.name` or `obj["name"]`.
fn static_property(prop: &MemberProp) -> Option<String> {
    match prop {
        MemberProp::Ident(name) => Some(name.sym.to_string()),
        MemberProp::Computed(computed) => match &*computed.expr {
            Expr::Lit(Lit::Str(s)) => Some(s.value.to_atom_lossy().to_string()),
            _ => None,
        },
        MemberProp::PrivateName(_) => None,
    }
}

impl VisitMut for WindowRewrite<'_, '_> {
    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Member(MemberExpr { obj, prop, span }) => {
                let window_read = matches!(&**obj, Expr::Ident(i) if self.is_global(i, "window"));
                if let (true, Some(name)) = (window_read, static_property(prop)) {
                    let span = *span;
                    let source = global_source(&name);
                    match self.replacement_text(source) {
                        Some(replacement) => self.edits.push(TextEdit {
                            span,
                            name: name.clone(),
                            replacement,
                        }),
                        None => self.changed = true,
                    }
                    *expr = match source {
                        Some(source) => self.source(source, span),
                        None => {
                            self.warn_once(
                                format!("window.{name}"),
                                "unknown_window_global",
                                span,
                                format!(
                                    "`window.{name}` is not a scene dependency: the parameterized model does not provide it (it reads as undefined)"
                                ),
                            );
                            parenthesized(Expr::Unary(UnaryExpr {
                                span,
                                op: UnaryOp::Void,
                                arg: Box::new(Expr::Lit(Lit::Num(Number {
                                    span,
                                    value: 0.0,
                                    raw: None,
                                }))),
                            }))
                        }
                    };
                    return;
                }
            }
            Expr::Ident(ident) if self.is_free(ident) => {
                let span = ident.span;
                if &*ident.sym == "window" {
                    self.changed = true;
                    *expr = parenthesized(self.window_view(span));
                    return;
                }
                if let Some(source) = global_source(&ident.sym) {
                    if let Some(replacement) = self.free_dependency(source, span) {
                        self.changed = true;
                        *expr = replacement;
                    }
                    return;
                }
                if PHASE1_ONLY_GLOBALS.contains(&&*ident.sym) {
                    let name = ident.sym.to_string();
                    self.warn_once(
                        name.clone(),
                        "phase1_only_global",
                        span,
                        format!("`{name}` is a Phase 1 window global that the parameterized model does not provide"),
                    );
                }
            }
            _ => {}
        }
        expr.visit_mut_children_with(self);
    }

    fn visit_mut_prop(&mut self, prop: &mut Prop) {
        // `{ window }`, `{ React }`: a key-value pair, whose value is then rewritten (or left
        // as it is) like any other read.
        if let Prop::Shorthand(ident) = prop {
            if self.is_free(ident)
                && (&*ident.sym == "window" || global_source(&ident.sym).is_some())
            {
                let key = PropName::Ident(IdentName::new(ident.sym.clone(), ident.span));
                let value = Box::new(Expr::Ident(ident.clone()));
                *prop = Prop::KeyValue(KeyValueProp { key, value });
            }
        }
        prop.visit_mut_children_with(self);
    }
}
