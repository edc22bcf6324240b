/**
 * Ed25519 signature verification (RFC 8032 §5.1.7) in PL/pgSQL, for `ho.push`.
 *
 * Why here: head office is PostgreSQL functions only, run by the branch's own
 * role; pgcrypto has no Ed25519 and extensions such as plv8 or pgsodium cannot be
 * assumed on a post's server (nor in PGlite, the demo head office). PostgreSQL's
 * `numeric` is exact at any size, so the curve arithmetic works as written in the
 * RFC: field elements are numerics reduced mod p, points are extended coordinates
 * (X:Y:Z:T), [S]B − [k]A is one joint double-and-add (Straus: 253 doublings and an
 * addition for each step where either scalar bit is set), then one inversion to
 * compare with R. SHA-512 is PostgreSQL's own `sha512()`.
 *
 * It costs tens of milliseconds per signature (see the README), so head office
 * checks one per batch: the signature of the batch's last hash, which covers every
 * row of the batch because head office recomputes each hash and the chain.
 *
 * Part of head-office migration 0005: frozen with it (a change is a new migration).
 */
const P = 2n ** 255n - 19n;
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

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
const D = mod(-121665n * power(121666n, P - 2n));
const SQRT_M1 = power(2n, (P - 1n) / 4n);
const BX = 15112221349535400772501151409588531511454012693041857206046113283949847762202n;
const BY = 46316835694926478169428394003475163141307993866256225615783033603165251855960n;
const BT = mod(BX * BY);
const bits = (n: bigint): string => n.toString(2);

/** x ← x^e mod p, e given as its binary digits (most significant first). */
export const ED25519_POW = `CREATE FUNCTION ho.ed25519_pow(p_base numeric, p_bits text) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  p constant numeric := ${P};
  r numeric := 1;
  b numeric := mod(p_base, p);
BEGIN
  FOR i IN 1..length(p_bits) LOOP
    r := mod(r * r, p);
    IF substr(p_bits, i, 1) = '1' THEN r := mod(r * b, p); END IF;
  END LOOP;
  RETURN r;
END $$`;

/** A little-endian byte string as a number; `p_mask_top` clears bit 255 (the sign of x in an encoded point). */
export const ED25519_LE = `CREATE FUNCTION ho.ed25519_le(p_bytes bytea, p_mask_top boolean) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp
AS $$
DECLARE n numeric := 0; last integer := length(p_bytes) - 1;
BEGIN
  FOR i IN REVERSE last..0 LOOP
    n := n * 256 + CASE WHEN p_mask_top AND i = last THEN get_byte(p_bytes, i) & 127 ELSE get_byte(p_bytes, i) END;
  END LOOP;
  RETURN n;
END $$`;

/** Adds (qx:qy:qz:qt) to the accumulator (X:Y:Z:T): RFC 8032 §5.1.4, a = −1. */
const addInto = (q: string) => `
      qa := mod((y_ - x_) * (${q}y - ${q}x), p);
      qb := mod((y_ + x_) * (${q}y + ${q}x), p);
      qc := mod(mod(t_ * d2, p) * ${q}t, p);
      qd := mod(2 * z_ * ${q}z, p);
      qe := qb - qa; qf := qd - qc; qg := qd + qc; qh := qb + qa;
      x_ := mod(qe * qf, p); y_ := mod(qg * qh, p); t_ := mod(qe * qh, p); z_ := mod(qf * qg, p);`;

export const ED25519_VERIFY = `CREATE FUNCTION ho.ed25519_verify(p_public_key bytea, p_message bytea, p_signature bytea) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  p constant numeric := ${P};
  l constant numeric := ${L};
  d constant numeric := ${D};
  d2 constant numeric := ${mod(2n * D)};
  sqrt_m1 constant numeric := ${SQRT_M1};
  bx constant numeric := ${BX}; by_ constant numeric := ${BY}; bt constant numeric := ${BT}; bz constant numeric := 1;
  ax numeric; ay numeric; az numeric := 1; at numeric;   -- −A
  cx numeric; cy numeric; cz numeric; ct numeric;        -- B + (−A)
  x_ numeric := 0; y_ numeric := 1; z_ numeric := 1; t_ numeric := 0;
  qa numeric; qb numeric; qc numeric; qd numeric; qe numeric; qf numeric; qg numeric; qh numeric;
  u numeric; v numeric; w numeric; s numeric; k numeric; ry numeric; zinv numeric;
  kbytes integer[] := '{}';
  sb integer; kb integer;
BEGIN
  IF length(p_public_key) <> 32 OR length(p_signature) <> 64 THEN RETURN false; END IF;
  -- A: y, then x from x² = (y² − 1) / (d y² + 1) (RFC 8032 §5.1.3).
  ay := ho.ed25519_le(p_public_key, true);
  IF ay >= p THEN RETURN false; END IF;
  u := mod(ay * ay - 1, p);
  v := mod(mod(d * ay, p) * ay + 1, p);
  w := mod(mod(v * v, p) * v, p);                        -- v³
  ax := mod(mod(u * w, p) * ho.ed25519_pow(mod(mod(u * mod(w * w, p), p) * v, p), '${bits((P - 5n) / 8n)}'), p);
  w := mod(mod(v * ax, p) * ax, p);                       -- v x²
  IF mod(w - u, p) = 0 THEN NULL;
  ELSIF mod(w + u, p) = 0 THEN ax := mod(ax * sqrt_m1, p);
  ELSE RETURN false;
  END IF;
  IF ax < 0 THEN ax := ax + p; END IF;
  IF ax = 0 AND get_byte(p_public_key, 31) >> 7 = 1 THEN RETURN false; END IF;
  IF mod(ax, 2) <> get_byte(p_public_key, 31) >> 7 THEN ax := p - ax; END IF;
  ax := mod(p - ax, p);                                  -- −A: the check is [S]B + [k](−A) = R
  at := mod(ax * ay, p);

  s := ho.ed25519_le(substr(p_signature, 33, 32), false);
  IF s >= l THEN RETURN false; END IF;
  k := mod(ho.ed25519_le(sha512(substr(p_signature, 1, 32) || p_public_key || p_message), false), l);
  FOR i IN 0..31 LOOP
    kbytes := kbytes || mod(k, 256)::integer;
    k := div(k, 256);
  END LOOP;

  -- C = B + (−A), for the steps where both scalar bits are set.
  x_ := bx; y_ := by_; z_ := bz; t_ := bt;${addInto('a')}
  cx := x_; cy := y_; cz := z_; ct := t_;
  x_ := 0; y_ := 1; z_ := 1; t_ := 0;

  FOR j IN REVERSE 252..0 LOOP
    -- Doubling (RFC 8032 §5.1.4).
    qa := mod(x_ * x_, p); qb := mod(y_ * y_, p); qc := mod(2 * z_ * z_, p);
    qh := qa + qb; qe := qh - mod((x_ + y_) * (x_ + y_), p); qg := qa - qb; qf := qc + qg;
    x_ := mod(qe * qf, p); y_ := mod(qg * qh, p); t_ := mod(qe * qh, p); z_ := mod(qf * qg, p);
    sb := (get_byte(p_signature, 32 + j / 8) >> (j % 8)) & 1;
    kb := (kbytes[j / 8 + 1] >> (j % 8)) & 1;
    IF sb = 1 AND kb = 1 THEN${addInto('c')}
    ELSIF sb = 1 THEN${addInto('b').replace(/by/g, 'by_')}
    ELSIF kb = 1 THEN${addInto('a')}
    END IF;
  END LOOP;

  zinv := ho.ed25519_pow(z_, '${bits(P - 2n)}');
  x_ := mod(mod(x_ * zinv, p) + p, p);
  y_ := mod(mod(y_ * zinv, p) + p, p);
  ry := ho.ed25519_le(substr(p_signature, 1, 32), true);
  RETURN ry = y_ AND mod(x_, 2) = get_byte(p_signature, 31) >> 7;
END $$`;

export const ED25519_SIGNATURES = ['ho.ed25519_pow(numeric, text)', 'ho.ed25519_le(bytea, boolean)', 'ho.ed25519_verify(bytea, bytea, bytea)'];
