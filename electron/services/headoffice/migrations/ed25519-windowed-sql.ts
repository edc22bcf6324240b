/**
 * Ed25519 verification (RFC 8032 §5.1.7) in PL/pgSQL, with fewer field operations than
 * HO migration 0005's (`ed25519-verify-sql.ts`), for head-office migration 0016.
 *
 * Same arithmetic (`numeric` reduced mod p, extended coordinates, a = −1), same answers;
 * the cost was the number of `mod(x * y, p)` steps, each a long division. Now:
 * - [S]B − [k]A is a joint double-and-add over 4-bit windows (Straus): 252 doublings and at
 *   most 128 additions, where one bit at a time cost 253 doublings and an addition for
 *   each step where either bit was set (about 190);
 * - B's multiples 1..15 are constants (affine, as y+x, y−x, 2d·x·y: an addition with one
 *   costs seven products); −A's are made once per call (cached as Y+X, Y−X, 2Z, 2d·T:
 *   eight);
 * - a doubling computes T only when an addition follows (T is not an input of doubling);
 * - the square root (for −A) and the inversion (for the result) are the usual addition
 *   chains, 254 squarings and 11 products each, where square-and-multiply over the bits of
 *   p − 2 and (p − 5) / 8 (nearly all ones) cost about 500 products each.
 *
 * The caller decides nothing here: true only for a canonical signature (S < l) of this
 * message by this key, false for anything else (bad lengths, a key or R off the curve).
 */
const P = 2n ** 255n - 19n;

const mod = (a: bigint, m: bigint = P): bigint => ((a % m) + m) % m;
function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = mod(result * b);
    b = mod(b * b);
    e >>= 1n;
  }
  return result;
}
const inverse = (a: bigint): bigint => power(a, P - 2n);
const D = mod(-121665n * inverse(121666n));
const D2 = mod(2n * D);
const SQRT_M1 = power(2n, (P - 1n) / 4n);
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const BX = 15112221349535400772501151409588531511454012693041857206046113283949847762202n;
const BY = 46316835694926478169428394003475163141307993866256225615783033603165251855960n;

/** Affine addition on the curve (build time only: the table of B's multiples). */
function addAffine([x1, y1]: [bigint, bigint], [x2, y2]: [bigint, bigint]): [bigint, bigint] {
  const t = mod(D * x1 * x2 * y1 * y2);
  return [mod((x1 * y2 + y1 * x2) * inverse(1n + t)), mod((y1 * y2 + x1 * x2) * inverse(mod(1n - t)))];
}
const multiplesOfB: Array<[bigint, bigint]> = [[BX, BY]];
while (multiplesOfB.length < 15) multiplesOfB.push(addAffine(multiplesOfB[multiplesOfB.length - 1]!, [BX, BY]));
const numericArray = (values: bigint[]) => `'{${values.join(',')}}'::numeric[]`;
const bYpX = numericArray(multiplesOfB.map(([x, y]) => mod(y + x)));
const bYmX = numericArray(multiplesOfB.map(([x, y]) => mod(y - x)));
const bXY2d = numericArray(multiplesOfB.map(([x, y]) => mod(x * y * D2)));

/** z ← z^(2^k) mod p. */
const squarings = (z: string, k: number) => (k === 1 ? `${z} := mod(${z} * ${z}, p);` : `FOR j IN 1 .. ${k} LOOP ${z} := mod(${z} * ${z}, p); END LOOP;`);

/**
 * The addition chain both exponents share (ref10's): from z to z^(2^250 − 1), keeping
 * z^11 in c11. Uses c0, c1, c2, c11.
 */
const chainTo2p250 = (z: string) => `
  c0 := mod(${z} * ${z}, p);                 -- z^2
  c1 := mod(c0 * c0, p); c1 := mod(c1 * c1, p); -- z^8
  c1 := mod(${z} * c1, p);                   -- z^9
  c11 := mod(c0 * c1, p);                    -- z^11
  c0 := mod(c11 * c11, p);                   -- z^22
  c0 := mod(c1 * c0, p);                     -- z^(2^5 - 1)
  c1 := c0; ${squarings('c1', 5)} c0 := mod(c1 * c0, p);   -- z^(2^10 - 1)
  c1 := c0; ${squarings('c1', 10)} c1 := mod(c1 * c0, p);  -- z^(2^20 - 1)
  c2 := c1; ${squarings('c2', 20)} c1 := mod(c2 * c1, p);  -- z^(2^40 - 1)
  ${squarings('c1', 10)} c0 := mod(c1 * c0, p);            -- z^(2^50 - 1)
  c1 := c0; ${squarings('c1', 50)} c1 := mod(c1 * c0, p);  -- z^(2^100 - 1)
  c2 := c1; ${squarings('c2', 100)} c1 := mod(c2 * c1, p); -- z^(2^200 - 1)
  ${squarings('c1', 50)} c0 := mod(c1 * c0, p);            -- z^(2^250 - 1)`;

/** T of the point just made (E·H), always, never, or when `condition` holds (an addition follows). */
const tWhen = (condition: string) =>
  condition === 'false' ? '' : condition === 'true' ? '\n      t_ := mod(qe * qh, p);' : `\n      IF ${condition} THEN t_ := mod(qe * qh, p); END IF;`;

/** Doubling of (X:Y:Z), RFC 8032 §5.1.4 (T is not an input). */
const double = (withT: string) => `
      qa := mod(x_ * x_, p); qb := mod(y_ * y_, p); qc := mod(2 * z_ * z_, p);
      qh := qa + qb; qe := qh - mod((x_ + y_) * (x_ + y_), p); qg := qa - qb; qf := qc + qg;
      x_ := mod(qe * qf, p); y_ := mod(qg * qh, p); z_ := mod(qf * qg, p);${tWhen(withT)}`;

/** Adds a cached point (Y+X, Y−X, 2d·T, and 2Z, or none for an affine one), RFC 8032 §5.1.4. */
const add = (ypx: string, ymx: string, t2d: string, z2: string | null, withT: string) => `
      qa := mod((y_ - x_) * ${ymx}, p); qb := mod((y_ + x_) * ${ypx}, p); qc := mod(t_ * ${t2d}, p);
      qd := ${z2 === null ? '2 * z_' : `mod(z_ * ${z2}, p)`};
      qe := qb - qa; qf := qd - qc; qg := qd + qc; qh := qb + qa;
      x_ := mod(qe * qf, p); y_ := mod(qg * qh, p); z_ := mod(qf * qg, p);${tWhen(withT)}`;

export const ED25519_VERIFY_WINDOWED = `CREATE OR REPLACE FUNCTION ho.ed25519_verify(p_public_key bytea, p_message bytea, p_signature bytea) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  p constant numeric := ${P};
  l constant numeric := ${L};
  d constant numeric := ${D};
  d2 constant numeric := ${D2};
  sqrt_m1 constant numeric := ${SQRT_M1};
  b_ypx constant numeric[] := ${bYpX};
  b_ymx constant numeric[] := ${bYmX};
  b_xy2d constant numeric[] := ${bXY2d};
  a_x numeric[]; a_y numeric[]; a_z numeric[]; a_t numeric[];          -- 1..15 times −A
  a_ypx numeric[]; a_ymx numeric[]; a_z2 numeric[]; a_t2d numeric[];   -- the same, cached
  ax numeric; ay numeric; at numeric;
  x_ numeric; y_ numeric; z_ numeric; t_ numeric;
  qa numeric; qb numeric; qc numeric; qd numeric; qe numeric; qf numeric; qg numeric; qh numeric;
  c0 numeric; c1 numeric; c2 numeric; c11 numeric;
  u numeric; v numeric; w numeric; s numeric; k numeric; ry numeric;
  kbytes integer[] := '{}';
  sd integer; kd integer;
BEGIN
  IF length(p_public_key) <> 32 OR length(p_signature) <> 64 THEN RETURN false; END IF;
  s := ho.ed25519_le(substr(p_signature, 33, 32), false);
  IF s >= l THEN RETURN false; END IF;

  -- A: y, then x = u v³ (u v⁷)^((p − 5) / 8) with u = y² − 1, v = d y² + 1 (RFC 8032 §5.1.3).
  ay := ho.ed25519_le(p_public_key, true);
  IF ay >= p THEN RETURN false; END IF;
  u := mod(ay * ay - 1, p);
  v := mod(mod(d * ay, p) * ay + 1, p);
  w := mod(mod(v * v, p) * v, p);                          -- v³
  qa := mod(mod(u * mod(w * w, p), p) * v, p);             -- u v⁷
  ${chainTo2p250('qa')}
  ${squarings('c0', 2)} c0 := mod(c0 * qa, p);             -- (u v⁷)^(2^252 - 3)
  ax := mod(mod(u * w, p) * c0, p);
  w := mod(mod(v * ax, p) * ax, p);                        -- v x²
  IF mod(w - u, p) = 0 THEN NULL;
  ELSIF mod(w + u, p) = 0 THEN ax := mod(ax * sqrt_m1, p);
  ELSE RETURN false;
  END IF;
  IF ax < 0 THEN ax := ax + p; END IF;
  IF ax = 0 AND get_byte(p_public_key, 31) >> 7 = 1 THEN RETURN false; END IF;
  IF mod(ax, 2) <> get_byte(p_public_key, 31) >> 7 THEN ax := p - ax; END IF;
  ax := mod(p - ax, p);                                    -- −A: the check is [S]B + [k](−A) = R
  at := mod(ax * ay, p);

  -- 1..15 times −A: even ones doubled from their half, odd ones the one before plus −A.
  a_x[1] := ax; a_y[1] := ay; a_z[1] := 1; a_t[1] := at;
  a_ypx[1] := ay + ax; a_ymx[1] := ay - ax; a_z2[1] := 2; a_t2d[1] := mod(at * d2, p);
  FOR m IN 2 .. 15 LOOP
    IF m % 2 = 0 THEN
      x_ := a_x[m / 2]; y_ := a_y[m / 2]; z_ := a_z[m / 2];${double('true')}
    ELSE
      x_ := a_x[m - 1]; y_ := a_y[m - 1]; z_ := a_z[m - 1]; t_ := a_t[m - 1];${add('a_ypx[1]', 'a_ymx[1]', 'a_t2d[1]', 'a_z2[1]', 'true')}
    END IF;
    a_x[m] := x_; a_y[m] := y_; a_z[m] := z_; a_t[m] := t_;
    a_ypx[m] := y_ + x_; a_ymx[m] := y_ - x_; a_z2[m] := 2 * z_; a_t2d[m] := mod(t_ * d2, p);
  END LOOP;

  k := mod(ho.ed25519_le(sha512(substr(p_signature, 1, 32) || p_public_key || p_message), false), l);
  FOR i IN 0 .. 31 LOOP
    kbytes := kbytes || mod(k, 256)::integer;
    k := div(k, 256);
  END LOOP;

  -- From the top 4 bits of both scalars down: four doublings, then S's and k's digit added.
  x_ := 0; y_ := 1; z_ := 1; t_ := 0;
  FOR i IN REVERSE 63 .. 0 LOOP
    sd := (get_byte(p_signature, 32 + i / 2) >> (4 * (i % 2))) & 15;
    kd := (kbytes[i / 2 + 1] >> (4 * (i % 2))) & 15;
    IF i < 63 THEN${double('false')}${double('false')}${double('false')}${double('sd <> 0 OR kd <> 0')}
    END IF;
    IF sd <> 0 THEN${add('b_ypx[sd]', 'b_ymx[sd]', 'b_xy2d[sd]', null, 'kd <> 0')}
    END IF;
    IF kd <> 0 THEN${add('a_ypx[kd]', 'a_ymx[kd]', 'a_t2d[kd]', 'a_z2[kd]', 'false')}
    END IF;
  END LOOP;

  -- Back to affine: 1/Z = Z^(p − 2) = Z^(2^255 − 21).
  ${chainTo2p250('z_')}
  ${squarings('c0', 5)} c0 := mod(c0 * c11, p);
  x_ := mod(mod(x_ * c0, p) + p, p);
  y_ := mod(mod(y_ * c0, p) + p, p);
  ry := ho.ed25519_le(substr(p_signature, 1, 32), true);
  RETURN ry = y_ AND mod(x_, 2) = get_byte(p_signature, 31) >> 7;
END $$`;
