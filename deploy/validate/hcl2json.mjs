// Parses Terraform files (HCL2) to JSON with HashiCorp's own parser (npm @cdktf/hcl2json, Go compiled to WebAssembly).
// Usage: node hcl2json.mjs FILE...   Prints {"FILE": parsed, ...}; exits 1 naming a file that does not parse.
import { readFileSync } from "node:fs";
import { parse } from "@cdktf/hcl2json";

const out = {};
for (const file of process.argv.slice(2)) {
  try {
    out[file] = await parse(file, readFileSync(file, "utf8"));
  } catch (e) {
    console.error(`${file}: ${e.message ?? e}`);
    process.exit(1);
  }
}
console.log(JSON.stringify(out));
