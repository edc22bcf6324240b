/**
 * Ed25519 verification (RFC 8032 §5.1.7) in PL/pgSQL, with fewer field operations than
 * HO migration 0005's (`ed25519-verify-sql.ts`), for head-office migration 0016.
 *
 * Same arithmetic (`numeric` reduced mod p, extended coordinates, a = −1), same answers;
 * the cost was the number of `mod(x * y, p)` steps, each a long division. Now:
 * - [S]B − [k]A is a joint double-and-add over 4-bit windows (Straus): 252 doublings and at
 *   most 128 additions, where one bit at a time cost 253 doublings and an addition for
 *   each step where either bit was set (about 190);
 * - B's multiples 1..15 are constants (affine, as y+x, y−x, 2d·x·y); −A's are made once
 *   per call; both are added from the cached form (Y+X, Y−X, 2Z, 2d·T): eight products;
 * - a doubling computes T only when an addition follows (T is not an input of doubling);
 * - the square root (for −A) and the inversion (for the result) are the usual addition
 *   chains, 254 squarings and 11 products each, where square-and-multiply over the bits of
 *   p − 2 and (p − 5) / 8 (nearly all ones) cost about 500 products each; their common part
 *   is one function, and the body keeps one copy of the doubling and of the addition (each
 *   statement of a PL/pgSQL function is planned at its first run in every session, and at
 *   national scale every branch's session is new).
 *
 * Measured by the backend's own CPU time (/proc/<pid>/schedstat, medians of 8 sessions on
 * the shared 2-core machine): 58 ms a verification before, 41 ms now; a session's first one
 * 65 ms before, 46 ms now.
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
 * z^(2^250 − 1) mod p by ref10's addition chain (249 squarings, 11 products): the common
 * part of the square root's exponent (p − 5) / 8 = 2^252 − 3 and the inverse's p − 2 =
 * 2^255 − 21. A function of its own, so a session plans its statements once for both.
 */
export const ED25519_POW_2_250_MINUS_1 = `CREATE FUNCTION ho.ed25519_pow_2_250_minus_1(z numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  p constant numeric := ${P};
  c0 numeric; c1 numeric; c2 numeric;
BEGIN
  c0 := mod(z * z, p);                         -- z^2
  c1 := mod(c0 * c0, p); c1 := mod(c1 * c1, p); -- z^8
  c1 := mod(z * c1, p);                        -- z^9
  c0 := mod(c0 * c1, p);                       -- z^11
  c0 := mod(c0 * c0, p);                       -- z^22
  c0 := mod(c1 * c0, p);                       -- z^(2^5 - 1)
  c1 := c0; ${squarings('c1', 5)} c0 := mod(c1 * c0, p);   -- z^(2^10 - 1)
  c1 := c0; ${squarings('c1', 10)} c1 := mod(c1 * c0, p);  -- z^(2^20 - 1)
  c2 := c1; ${squarings('c2', 20)} c1 := mod(c2 * c1, p);  -- z^(2^40 - 1)
  ${squarings('c1', 10)} c0 := mod(c1 * c0, p);            -- z^(2^50 - 1)
  c1 := c0; ${squarings('c1', 50)} c1 := mod(c1 * c0, p);  -- z^(2^100 - 1)
  c2 := c1; ${squarings('c2', 100)} c1 := mod(c2 * c1, p); -- z^(2^200 - 1)
  ${squarings('c1', 50)} RETURN mod(c1 * c0, p);           -- z^(2^250 - 1)
END $$`;

/** Doubling of (X:Y:Z), RFC 8032 §5.1.4 (T is not an input); T made when `withT` holds (an addition follows). */
const double = (withT: string) => `
      qa := mod(x_ * x_, p); qb := mod(y_ * y_, p); qc := mod(2 * z_ * z_, p);
      qh := qa + qb; qe := qh - mod((x_ + y_) * (x_ + y_), p); qg := qa - qb; qf := qc + qg;
      x_ := mod(qe * qf, p); y_ := mod(qg * qh, p); z_ := mod(qf * qg, p);
      IF ${withT} THEN t_ := mod(qe * qh, p); END IF;`;

/** Adds the cached point in c_ypx, c_ymx, c_t2d, c_z2 (Y+X, Y−X, 2d·T, 2Z), RFC 8032 §5.1.4. */
const add = (withT: string) => `
      qa := mod((y_ - x_) * c_ymx, p); qb := mod((y_ + x_) * c_ypx, p); qc := mod(t_ * c_t2d, p); qd := mod(z_ * c_z2, p);
      qe := qb - qa; qf := qd - qc; qg := qd + qc; qh := qb + qa;
      x_ := mod(qe * qf, p); y_ := mod(qg * qh, p); z_ := mod(qf * qg, p);
      IF ${withT} THEN t_ := mod(qe * qh, p); END IF;`;

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
  c_ypx numeric; c_ymx numeric; c_z2 numeric; c_t2d numeric;           -- the point being added
  ax numeric; ay numeric; at numeric;
  x_ numeric; y_ numeric; z_ numeric; t_ numeric;
  qa numeric; qb numeric; qc numeric; qd numeric; qe numeric; qf numeric; qg numeric; qh numeric;
  c0 numeric; c1 numeric;
  u numeric; v numeric; w numeric; s numeric; k numeric; ry numeric;
  kbytes integer[] := '{}';
  sd integer; kd integer; digit integer;
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
  c0 := ho.ed25519_pow_2_250_minus_1(qa);
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
  FOR m IN 1 .. 15 LOOP
    IF m > 1 THEN
      IF m % 2 = 0 THEN
        x_ := a_x[m / 2]; y_ := a_y[m / 2]; z_ := a_z[m / 2];${double('true')}
      ELSE
        x_ := a_x[m - 1]; y_ := a_y[m - 1]; z_ := a_z[m - 1]; t_ := a_t[m - 1];
        c_ypx := a_ypx[1]; c_ymx := a_ymx[1]; c_z2 := a_z2[1]; c_t2d := a_t2d[1];${add('true')}
      END IF;
      a_x[m] := x_; a_y[m] := y_; a_z[m] := z_; a_t[m] := t_;
    END IF;
    a_ypx[m] := a_y[m] + a_x[m]; a_ymx[m] := a_y[m] - a_x[m]; a_z2[m] := 2 * a_z[m]; a_t2d[m] := mod(a_t[m] * d2, p);
  END LOOP;

  k := mod(ho.ed25519_le(sha512(substr(p_signature, 1, 32) || p_public_key || p_message), false), l);
  FOR i IN 0 .. 31 LOOP
    kbytes := kbytes || mod(k, 256)::integer;
    k := div(k, 256);
  END LOOP;

  -- From the top 4 bits of both scalars down: four doublings, then S's digit of B and k's of −A added.
  x_ := 0; y_ := 1; z_ := 1; t_ := 0;
  FOR i IN REVERSE 63 .. 0 LOOP
    sd := (get_byte(p_signature, 32 + i / 2) >> (4 * (i % 2))) & 15;
    kd := (kbytes[i / 2 + 1] >> (4 * (i % 2))) & 15;
    IF i < 63 THEN
      FOR r IN 1 .. 4 LOOP${double('r = 4 AND (sd <> 0 OR kd <> 0)')}
      END LOOP;
    END IF;
    FOR pass IN 1 .. 2 LOOP
      digit := CASE pass WHEN 1 THEN sd ELSE kd END;
      CONTINUE WHEN digit = 0;
      IF pass = 1 THEN
        c_ypx := b_ypx[digit]; c_ymx := b_ymx[digit]; c_z2 := 2; c_t2d := b_xy2d[digit];
      ELSE
        c_ypx := a_ypx[digit]; c_ymx := a_ymx[digit]; c_z2 := a_z2[digit]; c_t2d := a_t2d[digit];
      END IF;${add('pass = 1 AND kd <> 0')}
    END LOOP;
  END LOOP;

  -- Back to affine: 1/Z = Z^(p − 2) = (Z^(2^250 − 1))^(2^5) · Z^11.
  c0 := ho.ed25519_pow_2_250_minus_1(z_);
  ${squarings('c0', 5)}
  qa := mod(z_ * z_, p); qb := mod(qa * qa, p); qb := mod(qb * qb, p); c1 := mod(mod(qb * qa, p) * z_, p);   -- z^11
  c0 := mod(c0 * c1, p);
  x_ := mod(mod(x_ * c0, p) + p, p);
  y_ := mod(mod(y_ * c0, p) + p, p);
  ry := ho.ed25519_le(substr(p_signature, 1, 32), true);
  RETURN ry = y_ AND mod(x_, 2) = get_byte(p_signature, 31) >> 7;
END $$`;

export const ED25519_WINDOWED_SIGNATURES = ['ho.ed25519_pow_2_250_minus_1(numeric)'];
