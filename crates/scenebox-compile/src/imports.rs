//! Lowers `import` declarations into reads of the window globals they stand for, so that
//! both artifacts start from one dependency shape (`const x = window.Remotion.x`); the
//! parameterized rewrite later turns those window reads into parameters.

use swc_core::common::{Span, SyntaxContext, DUMMY_SP};
use swc_core::ecma::ast::*;

use crate::context::SceneContext;
use crate::dependencies::{module_binding, ModuleBinding, ALLOWED_MODULES};
use crate::error::{CompileError, CompileErrorKind};

/// Replaces every import in `items` with `const` declarations reading the matching window
/// global. Type-only imports vanish; an unknown module is a [`CompileErrorKind::UnknownImport`].
pub(crate) fn lower_imports(
    ctx: &SceneContext<'_>,
    items: Vec<ModuleItem>,
) -> Result<Vec<ModuleItem>, CompileError> {
    let mut lowered = Vec::with_capacity(items.len() + 8);
    for item in items {
        match item {
            ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => {
                if import.type_only {
                    continue;
                }
                let source = import.src.value.to_atom_lossy().to_string();
                let binding = module_binding(&source).ok_or_else(|| {
                    ctx.error(
                        CompileErrorKind::UnknownImport,
                        import.span,
                        format!(
                            "cannot import '{source}': it is not a scene dependency (allowed modules: {})",
                            ALLOWED_MODULES.join(", ")
                        ),
                    )
                })?;
                for specifier in &import.specifiers {
                    if let Some(stmt) = lower_specifier(&binding, specifier, import.span) {
                        lowered.push(ModuleItem::Stmt(stmt));
                    }
                }
            }
            ModuleItem::ModuleDecl(ModuleDecl::TsImportEquals(decl)) if !decl.is_type_only => {
                return Err(ctx.error(
                    CompileErrorKind::UnknownImport,
                    decl.span,
                    "`import x = …` is not supported in scenes; use `import { … } from '…'` with an allowed module",
                ));
            }
            ModuleItem::ModuleDecl(ModuleDecl::TsImportEquals(_)) => {}
            other => lowered.push(other),
        }
    }
    Ok(lowered)
}

/// `const local = <what the specifier imports>;`, or nothing for a type-only specifier.
fn lower_specifier(
    binding: &ModuleBinding,
    specifier: &ImportSpecifier,
    span: Span,
) -> Option<Stmt> {
    let (local, value) = match specifier {
        ImportSpecifier::Named(named) => {
            if named.is_type_only {
                return None;
            }
            let imported = match &named.imported {
                Some(ModuleExportName::Ident(ident)) => ident.sym.to_string(),
                Some(ModuleExportName::Str(s)) => s.value.to_atom_lossy().to_string(),
                None => named.local.sym.to_string(),
            };
            (
                &named.local,
                member(namespace(binding, span), &imported, span),
            )
        }
        ImportSpecifier::Default(default) => (&default.local, default_export(binding, span)),
        ImportSpecifier::Namespace(namespace_spec) => {
            (&namespace_spec.local, namespace(binding, span))
        }
    };
    Some(const_decl(local.clone(), value, span))
}

/// What `import X from '…'` yields: the global itself (React, Rough, …).
fn default_export(binding: &ModuleBinding, span: Span) -> Expr {
    namespace(binding, span)
}

/// What `import * as X from '…'` yields.
fn namespace(binding: &ModuleBinding, span: Span) -> Expr {
    match binding {
        ModuleBinding::Global(global) => window_global(global, span),
        ModuleBinding::Iconify => object(
            span,
            vec![
                ("Icon", window_global("IconifyIcon", span)),
                ("InlineIcon", window_global("IconifyIcon", span)),
            ],
        ),
        ModuleBinding::GoogleFont { family } => object(
            span,
            vec![
                ("loadFont", load_font_for(family, span)),
                ("fontFamily", string(family, span)),
            ],
        ),
    }
}

/// `(style, options) => window.RemotionGoogleFonts.loadFont("<family>", options)`: the npm
/// package's `loadFont(style?, options?)` on top of the window API's `loadFont(family, options)`.
fn load_font_for(family: &str, span: Span) -> Expr {
    let style = Ident::new_no_ctxt("style".into(), span);
    let options = Ident::new_no_ctxt("options".into(), span);
    let call = CallExpr {
        span,
        ctxt: SyntaxContext::empty(),
        callee: Callee::Expr(Box::new(member(
            window_global("RemotionGoogleFonts", span),
            "loadFont",
            span,
        ))),
        args: vec![
            ExprOrSpread {
                spread: None,
                expr: Box::new(string(family, span)),
            },
            ExprOrSpread {
                spread: None,
                expr: Box::new(Expr::Ident(options.clone())),
            },
        ],
        type_args: None,
    };
    Expr::Arrow(ArrowExpr {
        span,
        ctxt: SyntaxContext::empty(),
        params: vec![
            Pat::Ident(BindingIdent {
                id: style,
                type_ann: None,
            }),
            Pat::Ident(BindingIdent {
                id: options,
                type_ann: None,
            }),
        ],
        body: Box::new(ArrowFunctionBody::Expr(Box::new(Expr::Call(call)))),
        is_async: false,
        is_generator: false,
        type_params: None,
        return_type: None,
    })
}

/// `window.<name>`
pub(crate) fn window_global(name: &str, span: Span) -> Expr {
    member(
        Expr::Ident(Ident::new_no_ctxt("window".into(), span)),
        name,
        span,
    )
}

/// `object.<property>`, computed when `property` is not an identifier.
pub(crate) fn member(object: Expr, property: &str, span: Span) -> Expr {
    let prop = if is_identifier_name(property) {
        MemberProp::Ident(IdentName::new(property.into(), span))
    } else {
        MemberProp::Computed(ComputedPropName {
            span,
            expr: Box::new(string(property, span)),
        })
    };
    Expr::Member(MemberExpr {
        span,
        obj: Box::new(object),
        prop,
    })
}

fn is_identifier_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

fn string(value: &str, span: Span) -> Expr {
    Expr::Lit(Lit::Str(Str {
        span,
        value: value.into(),
        raw: None,
    }))
}

fn object(span: Span, props: Vec<(&str, Expr)>) -> Expr {
    Expr::Object(ObjectLit {
        span,
        props: props
            .into_iter()
            .map(|(key, value)| {
                PropOrSpread::Prop(Box::new(Prop::KeyValue(KeyValueProp {
                    key: PropName::Ident(IdentName::new(key.into(), DUMMY_SP)),
                    value: Box::new(value),
                })))
            })
            .collect(),
    })
}

/// `const <name> = <value>;`
pub(crate) fn const_decl(name: Ident, value: Expr, span: Span) -> Stmt {
    Stmt::Decl(Decl::Var(Box::new(VarDecl {
        span,
        ctxt: SyntaxContext::empty(),
        kind: VarDeclKind::Const,
        declare: false,
        decls: vec![VarDeclarator {
            span,
            name: Pat::Ident(BindingIdent {
                id: name,
                type_ann: None,
            }),
            init: Some(Box::new(value)),
            definite: false,
        }],
    })))
}
