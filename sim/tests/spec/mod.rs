//! The community OpenAPI description of VRChat's API, read from `shared/vrchat-spec` beside
//! the repository, turned into JSON Schemas a validator can check replies against.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use yaml_rust2::{Yaml, YamlLoader};

/// How deep `$ref`s may nest before the spec is taken as circular.
const MAX_DEPTH: usize = 64;

/// `components/` of the OpenAPI description: `../shared/vrchat-spec` from the repository
/// root, where CI keeps a copy, or `VRCHAT_SPEC_DIR`.
pub fn components_dir() -> PathBuf {
    let root = std::env::var_os("VRCHAT_SPEC_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/vrchat-spec"),
        PathBuf::from,
    );
    root.join("openapi/components")
}

/// Whether the spec is there to check against. A checkout without `shared/` beside it skips
/// the check with a note; under CI (`CI` set) a missing spec fails instead, so the check can
/// never be skipped where it counts.
pub fn available() -> bool {
    let dir = components_dir();
    if dir.is_dir() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the spec is missing at {} (set VRCHAT_SPEC_DIR)",
        dir.display()
    );
    eprintln!(
        "skipped: no spec at {} (set VRCHAT_SPEC_DIR to check replies against it)",
        dir.display()
    );
    false
}

/// One documented reply: operation, method, path template and status.
#[derive(Debug, Clone)]
pub struct Documented {
    pub operation: String,
    pub method: String,
    pub template: String,
    /// Status code → JSON Schema of the body (`None` when the spec gives no JSON body).
    pub replies: BTreeMap<u16, Option<Value>>,
}

/// Every operation in `components/paths/*.yaml`.
pub fn operations() -> Vec<Documented> {
    let dir = components_dir().join("paths");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("the spec at {}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let document = load(&file);
        let Some(paths) = document.get("paths").and_then(Value::as_object) else {
            continue;
        };
        for (template, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, operation) in item {
                let Some(responses) = operation.get("responses").and_then(Value::as_object) else {
                    continue;
                };
                let replies = responses
                    .iter()
                    .filter_map(|(status, response)| {
                        let status = status.parse().ok()?;
                        // Parts of the spec this simulator never serves may be missing.
                        let schema = resolve(response, &file, 0).and_then(|response| {
                            response
                                .pointer("/content/application~1json/schema")
                                .map(to_json_schema)
                        });
                        Some((status, schema))
                    })
                    .collect();
                found.push(Documented {
                    operation: operation["operationId"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                    method: method.to_uppercase(),
                    template: template.clone(),
                    replies,
                });
            }
        }
    }
    found
}

/// Whether `path` (below the base path, no query) fits `template`; `{name}` stands for
/// any text without `/`, and a literal part must match exactly.
pub fn fits(template: &str, path: &str) -> bool {
    let template: Vec<&str> = template.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    template.len() == path.len()
        && template
            .iter()
            .zip(&path)
            .all(|(pattern, segment)| segment_fits(pattern, segment))
}

fn segment_fits(pattern: &str, segment: &str) -> bool {
    // `{name}` takes one or more characters; the rest of the pattern is literal.
    match pattern.split_once('{') {
        None => pattern == segment,
        Some((literal, after)) => {
            let Some(rest) = segment.strip_prefix(literal) else {
                return false;
            };
            let tail = after.split_once('}').map_or("", |(_, tail)| tail);
            rest.char_indices()
                .skip(1)
                .map(|(at, _)| at)
                .chain([rest.len()])
                .filter(|&at| at > 0)
                .any(|at| segment_fits(tail, &rest[at..]))
        }
    }
}

/// The number of placeholders in a template: fewer is a closer match.
pub fn placeholders(template: &str) -> usize {
    template.matches('{').count()
}

fn load(file: &Path) -> Value {
    let text = std::fs::read_to_string(file)
        .unwrap_or_else(|error| panic!("reading {}: {error}", file.display()));
    parse(file, &text)
}

fn parse(file: &Path, text: &str) -> Value {
    let documents = YamlLoader::load_from_str(text)
        .unwrap_or_else(|error| panic!("parsing {}: {error}", file.display()));
    documents.first().map(yaml_to_json).unwrap_or(Value::Null)
}

fn yaml_to_json(yaml: &Yaml) -> Value {
    match yaml {
        Yaml::Real(text) => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
        Yaml::Integer(n) => Value::from(*n),
        Yaml::String(text) => Value::String(text.clone()),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Hash(hash) => Value::Object(
            hash.iter()
                .map(|(key, value)| {
                    let key = match key {
                        Yaml::String(text) => text.clone(),
                        Yaml::Integer(n) => n.to_string(),
                        other => format!("{other:?}"),
                    };
                    (key, yaml_to_json(value))
                })
                .collect(),
        ),
        _ => Value::Null,
    }
}

/// Inlines every `$ref` (`./File.yaml`, `../x/File.yaml#/pointer`, `#/pointer`); `None`
/// when a referenced file is missing.
fn resolve(value: &Value, file: &Path, depth: usize) -> Option<Value> {
    assert!(
        depth < MAX_DEPTH,
        "$ref nesting too deep at {}",
        file.display()
    );
    match value {
        Value::Object(object) => {
            if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
                let (target, pointer) = reference.split_once('#').unwrap_or((reference, ""));
                let target_file = if target.is_empty() {
                    file.to_path_buf()
                } else {
                    file.parent().unwrap_or(Path::new(".")).join(target)
                };
                let text = std::fs::read_to_string(&target_file).ok()?;
                let document = parse(&target_file, &text);
                let part = if pointer.is_empty() {
                    &document
                } else {
                    document
                        .pointer(pointer)
                        .unwrap_or_else(|| panic!("{reference} from {}", file.display()))
                };
                return resolve(part, &target_file, depth + 1);
            }
            object
                .iter()
                .map(|(key, value)| Some((key.clone(), resolve(value, file, depth + 1)?)))
                .collect::<Option<Map<String, Value>>>()
                .map(Value::Object)
        }
        Value::Array(items) => items
            .iter()
            .map(|item| resolve(item, file, depth + 1))
            .collect::<Option<Vec<Value>>>()
            .map(Value::Array),
        other => Some(other.clone()),
    }
}

/// Turns an OpenAPI 3.0 schema into a JSON Schema: `nullable` becomes a `null` type, the
/// spec's `x-if` picks its JSON Schema branch, and `format` (annotations here, not types)
/// is dropped.
pub fn to_json_schema(schema: &Value) -> Value {
    match schema {
        Value::Object(object) => {
            if let Some(choice) = object.get("x-if") {
                if let Some(then) = choice.get("then") {
                    return to_json_schema(then);
                }
            }
            let mut out: Map<String, Value> = object
                .iter()
                .filter(|(key, _)| {
                    !matches!(key.as_str(), "format" | "nullable" | "example" | "examples")
                })
                .map(|(key, value)| {
                    // The spec's `oneOf` lists overlapping variants (the empty details
                    // object fits every object), so no object could fit exactly one; it is
                    // read as `anyOf`, the way generated clients decode it.
                    let key = if key == "oneOf" {
                        "anyOf"
                    } else {
                        key.as_str()
                    };
                    let value = if key == "properties" {
                        Value::Object(
                            value
                                .as_object()
                                .map(|props| {
                                    props
                                        .iter()
                                        .map(|(name, s)| (name.clone(), to_json_schema(s)))
                                        .collect()
                                })
                                .unwrap_or_default(),
                        )
                    } else {
                        to_json_schema(value)
                    };
                    (key.to_owned(), value)
                })
                .collect();
            if object.get("nullable") == Some(&Value::Bool(true)) {
                match out.get("type").cloned() {
                    Some(Value::String(kind)) => {
                        out.insert("type".to_owned(), serde_json::json!([kind, "null"]));
                        if let Some(Value::Array(values)) = out.get_mut("enum") {
                            values.push(Value::Null);
                        }
                    }
                    _ => {
                        return serde_json::json!({"anyOf": [Value::Object(out), {"type": "null"}]});
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(to_json_schema).collect()),
        other => other.clone(),
    }
}
