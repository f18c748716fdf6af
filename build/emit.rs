//! Writes the validated bundle as Rust source: `static` values the library includes,
//! so that the data costs no parsing at start-up and no deserializer in the binary.
//! Every list and boxed value becomes its own `static` item, referenced by address.

use crate::schema::*;
use rust_decimal::Decimal;

/// The `static` items written so far.
#[derive(Default)]
pub struct Out {
    items: String,
    next: usize,
}

impl Out {
    /// Adds `static NAME: ty = value;` and returns NAME.
    fn item(&mut self, ty: &str, value: &str) -> String {
        let name = format!("D{}", self.next);
        self.next += 1;
        self.items += &format!("static {name}: {ty} = {value};\n");
        name
    }
}

/// A value of the schema as a Rust constant expression.
pub trait Emit {
    /// The Rust type, as written in the generated file.
    fn ty() -> String;
    fn emit(&self, out: &mut Out) -> String;
}

/// The whole file: `pub static BUNDLE: Bundle`, and the items it refers to.
pub fn bundle(b: &Bundle) -> String {
    let mut out = Out::default();
    let root = b.emit(&mut out);
    format!("{}pub static BUNDLE: Bundle = {root};\n", out.items)
}

impl Emit for Str {
    fn ty() -> String {
        "Str".into()
    }
    fn emit(&self, _: &mut Out) -> String {
        // Debug writes a valid Rust string literal (escapes included).
        format!("Str::from_static({:?})", &**self)
    }
}

impl<T: Emit + Clone> Emit for List<T> {
    fn ty() -> String {
        format!("List<{}>", T::ty())
    }
    fn emit(&self, out: &mut Out) -> String {
        let items: Vec<String> = self.iter().map(|x| x.emit(out)).collect();
        let name = out.item(&format!("[{}; {}]", T::ty(), items.len()), &format!("[{}]", items.join(",")));
        format!("List::from_static(&{name})")
    }
}

impl<T: Emit> Emit for Option<T> {
    fn ty() -> String {
        format!("Option<{}>", T::ty())
    }
    fn emit(&self, out: &mut Out) -> String {
        match self {
            Some(x) => format!("Some({})", x.emit(out)),
            None => "None".into(),
        }
    }
}

impl<A: Emit, B: Emit> Emit for (A, B) {
    fn ty() -> String {
        format!("({}, {})", A::ty(), B::ty())
    }
    fn emit(&self, out: &mut Out) -> String {
        format!("({}, {})", self.0.emit(out), self.1.emit(out))
    }
}

impl<V: Emit + Clone> Emit for Map<V> {
    fn ty() -> String {
        format!("Map<{}>", V::ty())
    }
    fn emit(&self, out: &mut Out) -> String {
        format!("Map({})", self.0.emit(out))
    }
}

impl<T: Emit> Emit for Boxed<T> {
    fn ty() -> String {
        format!("Boxed<{}>", T::ty())
    }
    fn emit(&self, out: &mut Out) -> String {
        let value = (**self).emit(out);
        format!("Boxed::Static(&{})", out.item(&T::ty(), &value))
    }
}

impl Emit for Decimal {
    fn ty() -> String {
        "Decimal".into()
    }
    fn emit(&self, _: &mut Out) -> String {
        let m = self.mantissa().unsigned_abs();
        format!("Decimal::from_parts({}, {}, {}, {}, {})", m as u32, (m >> 32) as u32, (m >> 64) as u32, self.is_sign_negative(), self.scale())
    }
}

macro_rules! emit_plain {
    ($($t:ty),*) => {$(
        impl Emit for $t {
            fn ty() -> String { stringify!($t).into() }
            fn emit(&self, _: &mut Out) -> String { format!("{self}") }
        }
    )*};
}
emit_plain!(bool, i64, u32);

/// Unit enums: their Debug name is the variant's name.
macro_rules! emit_enum {
    ($($t:ident),*) => {$(
        impl Emit for $t {
            fn ty() -> String { stringify!($t).into() }
            fn emit(&self, _: &mut Out) -> String { format!(concat!(stringify!($t), "::{:?}"), self) }
        }
    )*};
}
emit_enum!(FieldType, FactType, Basis, LimitType, PriorMode, Stage, SearchMode);

/// Structs: a struct literal naming every field, so a field added to the schema and
/// not listed here fails to compile.
macro_rules! emit_struct {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Emit for $t {
            fn ty() -> String { stringify!($t).into() }
            fn emit(&self, out: &mut Out) -> String {
                let mut s = String::from(concat!(stringify!($t), " {"));
                $( s += concat!(stringify!($f), ": "); s += &self.$f.emit(out); s += ", "; )*
                s + "}"
            }
        }
    )*};
}

emit_struct! {
    Bundle { data_version, kinds, facts, national, regions, policies, registers }
    Text { zh, en }
    KindsFile { common_field, kind, values }
    KindDef { id, name, doc, field }
    FieldDef { name, ty, required, values, min, max, doc }
    NationalDef { name, policies }
    FactDef { id, ty, years_alias, name, doc }
    RegionDef { id, name, province, policies, level_aliases }
    PolicyDef { id, region, source, title, issuer, issued, effective, expires, validity, rule, condition, limit, notice, benefit, gap, eligibility }
    Citation { clause, quote, note }
    RuleDef { id, category, clause, quote, when, basis, amount, percent, of, of_field, max, limit_to_field, limit_quote, note }
    Selector { kind, category, rule, when, except }
    ConditionDef { id, select, field, min, max, equals, text, clause, quote }
    LimitDef { id, ty, select, amount, raised_amount, raised_when, max, group_by, mode, text, clause, quote, note }
    NoticeDef { id, select, text, clause, quote }
    BenefitDef { id, text, clause, quote }
    GapDef { id, when, text, clause, quote }
    EligibilityDef { id, fact, stage, min, max, equals, relaxed, text, clause, quote, note }
    RelaxedDef { fact, min, max }
    RegisterDef { id, title, source, clause, quote, from, to, key, columns, rows, notes }
    ColumnDef { id, name, search, carry }
    RowNote { row, text }
}

impl Emit for OneOrMany {
    fn ty() -> String {
        "OneOrMany".into()
    }
    fn emit(&self, out: &mut Out) -> String {
        match self {
            OneOrMany::One(s) => format!("OneOrMany::One({})", s.emit(out)),
            OneOrMany::Many(v) => format!("OneOrMany::Many({})", v.emit(out)),
        }
    }
}
