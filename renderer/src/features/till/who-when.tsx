/**
 * "hassan · 22/11/2026 11:48" in any direction: the Latin username and the
 * localized date each keep their own order inside an Arabic line.
 */
export function WhoWhen({ who, when }: { who: string; when: string }) {
  return (
    <>
      <bdi>{who}</bdi> · <bdi>{when}</bdi>
    </>
  );
}
