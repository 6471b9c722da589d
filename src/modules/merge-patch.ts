/**
 * JSON Merge Patch (RFC 7396), the semantics of every native PATCH: members present in the patch are set,
 * a null member removes (clears) the target's member, objects merge recursively, anything else — arrays
 * included — replaces the target's value whole. Pure: neither argument is modified.
 */

export type JsonObject = { [member: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** MergePatch(target, patch) of RFC 7396 §2. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return patch;
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete result[name];
    else result[name] = applyMergePatch(result[name], value);
  }
  return result;
}
