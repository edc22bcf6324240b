import type { z } from 'zod';
import { CallRequest, methods } from '@shared/contract';

/** A string schema found in a method's input, with where it sits (`lines[].reference`). */
export interface Leaf {
  path: string;
  schema: z.ZodType;
}

export interface Found {
  strings: Leaf[];
  /** Objects that keep unknown keys, and schemas this walk cannot see into (they could hide a string). */
  loose: string[];
  opaque: string[];
}

/** Walks a schema the way zod 4 parses it and collects every string leaf and every non-strict object. */
function walk(schema: z.ZodType, path: string, found: Found, seen = new Set<z.ZodType>()): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string) => def[key] as z.ZodType;
  switch (def.type) {
    case 'string':
      found.strings.push({ path, schema });
      return;
    case 'object': {
      const catchall = def.catchall as z.ZodType | undefined;
      if (catchall?._zod.def.type !== 'never') found.loose.push(path || '(input)');
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) walk(value, path ? `${path}.${key}` : key, found, seen);
      return;
    }
    case 'array':
      walk(inner('element'), `${path}[]`, found, seen);
      return;
    case 'union':
      for (const option of def.options as z.ZodType[]) walk(option, path, found, seen);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      walk(inner('innerType'), path, found, seen);
      return;
    case 'pipe':
      walk(inner('in'), path, found, seen);
      return;
    case 'number':
    case 'int':
    case 'boolean':
    case 'enum':
    case 'literal':
      return;
    default:
      found.opaque.push(`${path || '(input)'}: ${def.type}`);
  }
}

/** Every method's input, and the approval credentials that ride in the envelope. */
export function contractInputs(): Found {
  const found: Found = { strings: [], loose: [], opaque: [] };
  for (const [name, spec] of Object.entries(methods)) walk(spec.input as z.ZodType, name, found);
  // The supervisor's credentials ride in the envelope, beside the input.
  walk(CallRequest.shape.approval, 'envelope.approval', found);
  return found;
}

