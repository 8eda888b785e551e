//! Turns a scene module into plain statements and decides which binding is the scene: the
//! real default export, or — with no export at all — the one top-level component that no
//! other top-level code uses.

use std::collections::HashSet;

use swc_core::common::{Span, Spanned, DUMMY_SP};
use swc_core::ecma::{ast::*, atoms::Atom};

use crate::context::SceneContext;
use crate::error::{CompileError, CompileErrorKind};
use crate::imports::const_decl;
use crate::names::{fresh_name, mentioned_names};

/// The name given to an anonymous `export default function () {}` (made unique if taken).
const ANONYMOUS_DEFAULT: &str = "DefaultExport";

/// Statements of the scene (exports removed) and the name of the component binding.
pub(crate) struct SceneBody {
    pub stmts: Vec<Stmt>,
    pub component: Atom,
}

/// Strips `export` from every declaration, turns the default export into a named binding and
/// finds the component. `items` must have had its imports lowered already.
pub(crate) fn lower_exports(
    ctx: &SceneContext<'_>,
    items: Vec<ModuleItem>,
) -> Result<SceneBody, CompileError> {
    // Only an anonymous default export needs a fresh name (collecting every name is a
    // walk over the whole scene).
    let needs_fresh_name = items.iter().any(|item| match item {
        ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(export)) => match &export.decl {
            DefaultDecl::Fn(fn_expr) => fn_expr.ident.is_none(),
            DefaultDecl::Class(class_expr) => class_expr.ident.is_none(),
            DefaultDecl::TsInterfaceDecl(_) => false,
        },
        ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(export)) => {
            !matches!(without_type_wrappers(&export.expr), Expr::Ident(_))
        }
        _ => false,
    });
    let used = if needs_fresh_name {
        mentioned_names(&items)
    } else {
        HashSet::new()
    };
    let anonymous_default = || fresh_name(ANONYMOUS_DEFAULT, &used);
    let mut default: Option<Atom> = None;
    let mut stmts = Vec::with_capacity(items.len() + 1);
    for item in items {
        let decl = match item {
            ModuleItem::Stmt(stmt) => {
                stmts.push(stmt);
                continue;
            }
            ModuleItem::ModuleDecl(decl) => decl,
        };
        match decl {
            ModuleDecl::ExportDecl(export) => stmts.push(Stmt::Decl(export.decl)),
            ModuleDecl::ExportDefaultDecl(export) => match export.decl {
                DefaultDecl::Fn(mut fn_expr) => {
                    let ident = fn_expr.ident.take().unwrap_or_else(|| {
                        Ident::new_no_ctxt(anonymous_default().into(), export.span)
                    });
                    default = Some(ident.sym.clone());
                    stmts.push(Stmt::Decl(Decl::Fn(FnDecl {
                        ident,
                        declare: false,
                        function: fn_expr.function,
                    })));
                }
                DefaultDecl::Class(mut class_expr) => {
                    let ident = class_expr.ident.take().unwrap_or_else(|| {
                        Ident::new_no_ctxt(anonymous_default().into(), export.span)
                    });
                    default = Some(ident.sym.clone());
                    stmts.push(Stmt::Decl(Decl::Class(ClassDecl {
                        ident,
                        declare: false,
                        class: class_expr.class,
                    })));
                }
                DefaultDecl::TsInterfaceDecl(interface) => {
                    stmts.push(Stmt::Decl(Decl::TsInterface(interface)));
                }
            },
            ModuleDecl::ExportDefaultExpr(export) => match without_type_wrappers(&export.expr) {
                Expr::Ident(ident) => default = Some(ident.sym.clone()),
                expr => {
                    // An anonymous default export (rare): its expression is copied out of
                    // the wrappers.
                    let expr = expr.clone();
                    let name = anonymous_default();
                    let ident = Ident::new_no_ctxt(name.as_str().into(), export.span);
                    default = Some(ident.sym.clone());
                    stmts.push(const_decl(ident, expr, export.span));
                }
            },
            ModuleDecl::ExportNamed(named) => {
                if named.src.is_some() {
                    return Err(ctx.error(
                        CompileErrorKind::ExportForm,
                        named.span,
                        "re-exports (`export … from '…'`) are not supported in a scene; export the scene component itself",
                    ));
                }
                for specifier in &named.specifiers {
                    if let ExportSpecifier::Named(spec) = specifier {
                        let exported_as_default = matches!(
                            &spec.exported,
                            Some(ModuleExportName::Ident(ident)) if &*ident.sym == "default"
                        );
                        if exported_as_default {
                            if let ModuleExportName::Ident(orig) = &spec.orig {
                                default = Some(orig.sym.clone());
                            }
                        }
                    }
                }
            }
            ModuleDecl::ExportAll(export) => {
                return Err(ctx.error(
                    CompileErrorKind::ExportForm,
                    export.span,
                    "`export * from '…'` is not supported in a scene; export the scene component itself",
                ))
            }
            ModuleDecl::TsExportAssignment(export) => {
                return Err(ctx.error(
                    CompileErrorKind::ExportForm,
                    export.span,
                    "`export = …` is not supported in a scene; use `export default`",
                ))
            }
            ModuleDecl::TsNamespaceExport(export) => {
                return Err(ctx.error(
                    CompileErrorKind::ExportForm,
                    export.span,
                    "`export as namespace` is not supported in a scene",
                ))
            }
            ModuleDecl::Import(_) | ModuleDecl::TsImportEquals(_) => {
                unreachable!("imports are lowered before exports")
            }
        }
    }
    let component = match default {
        Some(name) => name,
        None => single_component(ctx, &stmts)?,
    };
    Ok(SceneBody { stmts, component })
}

/// `x as T`, `x!`, `x satisfies T`, `(x)` → `x`.
fn without_type_wrappers(expr: &Expr) -> &Expr {
    match expr {
        Expr::TsAs(e) => without_type_wrappers(&e.expr),
        Expr::TsNonNull(e) => without_type_wrappers(&e.expr),
        Expr::TsSatisfies(e) => without_type_wrappers(&e.expr),
        Expr::TsConstAssertion(e) => without_type_wrappers(&e.expr),
        Expr::Paren(e) => without_type_wrappers(&e.expr),
        other => other,
    }
}

/// A top-level binding that looks like a React component.
struct Candidate {
    name: Atom,
    span: Span,
    stmt_index: usize,
}

/// With no default export: the single top-level component that nothing else at the top level
/// refers to (helpers are used by the scene; the scene is used by nobody).
fn single_component(ctx: &SceneContext<'_>, stmts: &[Stmt]) -> Result<Atom, CompileError> {
    let candidates: Vec<Candidate> = stmts
        .iter()
        .enumerate()
        .flat_map(|(index, stmt)| component_bindings(stmt, index))
        .collect();
    match candidates.len() {
        0 => {
            return Err(ctx.error(
                CompileErrorKind::NoComponent,
                DUMMY_SP,
                "no component found: the scene has no `export default` and no top-level component (a function or class whose name starts with a capital letter)",
            ))
        }
        1 => return Ok(candidates[0].name.clone()),
        _ => {}
    }
    let mentioned: Vec<HashSet<Atom>> = stmts.iter().map(mentioned_names).collect();
    let roots: Vec<&Candidate> = candidates
        .iter()
        .filter(|candidate| {
            !mentioned.iter().enumerate().any(|(index, names)| {
                index != candidate.stmt_index && names.contains(&candidate.name)
            })
        })
        .collect();
    if let [root] = roots.as_slice() {
        return Ok(root.name.clone());
    }
    let listed: Vec<&Candidate> = if roots.len() > 1 {
        roots
    } else {
        candidates.iter().collect()
    };
    let names: Vec<String> = listed
        .iter()
        .map(|c| {
            let (line, column) = ctx.position(c.span);
            format!("{} ({line}:{column})", c.name)
        })
        .collect();
    Err(ctx.error(
        CompileErrorKind::AmbiguousComponent,
        listed[1].span,
        format!(
            "ambiguous scene component: no `export default` and {} top-level components could be the scene: {}; add `export default` to the scene component",
            listed.len(),
            names.join(", ")
        ),
    ))
}

/// Capitalised function/class declarations and `const X = () => …`-style bindings of `stmt`.
fn component_bindings(stmt: &Stmt, stmt_index: usize) -> Vec<Candidate> {
    let capitalised = |name: &Atom| name.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let mut found = Vec::new();
    match stmt {
        Stmt::Decl(Decl::Fn(f))
            if f.function.body.is_some() && !f.declare && capitalised(&f.ident.sym) =>
        {
            found.push(Candidate {
                name: f.ident.sym.clone(),
                span: f.ident.span,
                stmt_index,
            });
        }
        Stmt::Decl(Decl::Class(c)) if !c.declare && capitalised(&c.ident.sym) => {
            found.push(Candidate {
                name: c.ident.sym.clone(),
                span: c.ident.span,
                stmt_index,
            })
        }
        Stmt::Decl(Decl::Var(var)) if !var.declare => {
            for declarator in &var.decls {
                let (Pat::Ident(binding), Some(init)) = (&declarator.name, &declarator.init) else {
                    continue;
                };
                if capitalised(&binding.id.sym) && is_component_value(init) {
                    found.push(Candidate {
                        name: binding.id.sym.clone(),
                        span: declarator.span(),
                        stmt_index,
                    });
                }
            }
        }
        _ => {}
    }
    found
}

/// Arrow/function/class expressions, possibly wrapped in `memo(…)`/`forwardRef(…)` or type
/// assertions.
fn is_component_value(expr: &Expr) -> bool {
    match expr {
        Expr::Arrow(_) | Expr::Fn(_) | Expr::Class(_) => true,
        Expr::Paren(e) => is_component_value(&e.expr),
        Expr::TsAs(e) => is_component_value(&e.expr),
        Expr::TsSatisfies(e) => is_component_value(&e.expr),
        Expr::Call(call) => {
            let wrapper = match &call.callee {
                Callee::Expr(callee) => match &**callee {
                    Expr::Ident(ident) => Some(ident.sym.clone()),
                    Expr::Member(member) => member.prop.as_ident().map(|p| p.sym.clone()),
                    _ => None,
                },
                _ => None,
            };
            matches!(wrapper.as_deref(), Some("memo" | "forwardRef"))
                && call
                    .args
                    .first()
                    .is_some_and(|arg| is_component_value(&arg.expr))
        }
        _ => false,
    }
}
