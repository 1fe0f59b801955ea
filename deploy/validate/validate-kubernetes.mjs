// Validates Kubernetes objects against the Kubernetes JSON schemas (npm kubernetes-models).
// Usage: node validate-kubernetes.mjs FILE...   (YAML or JSON, several documents per file allowed)
// Prints {"documents": N, "kinds": {...}, "errors": [...]} and exits 1 when any object is invalid
// or of a kind the models do not know.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const errors = [];
const kinds = {};
let documents = 0;
for (const file of process.argv.slice(2)) {
  let docs;
  try {
    docs = yaml.loadAll(readFileSync(file, "utf8"));
  } catch (e) {
    errors.push(`${file}: not YAML: ${e.message}`);
    continue;
  }
  for (const doc of docs) {
    if (doc == null) continue;
    documents++;
    const where = `${file}: ${doc.kind}/${doc.metadata?.name}`;
    if (typeof doc.apiVersion !== "string" || typeof doc.kind !== "string") {
      errors.push(`${where}: apiVersion and kind are required`);
      continue;
    }
    const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : ["", doc.apiVersion];
    const path = `kubernetes-models/${group ? group + "/" : ""}${version}/${doc.kind}`;
    let Model;
    try {
      Model = (await import(path))[doc.kind];
    } catch (e) {
      errors.push(`${where}: unknown kind or API version ${doc.apiVersion} (${path})`);
      continue;
    }
    try {
      new Model(doc).validate();
      kinds[doc.kind] = (kinds[doc.kind] ?? 0) + 1;
    } catch (e) {
      errors.push(`${where}: ${e.message}`);
    }
  }
}
console.log(JSON.stringify({ documents, kinds, errors }, null, 2));
process.exit(errors.length ? 1 : 0);
