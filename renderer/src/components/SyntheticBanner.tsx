/** Shown on every screen while the store holds demo data (DESIGN §2), so it is never taken for real. */
export function SyntheticBanner() {
  return (
    <div className="synthetic-banner" role="region" aria-label="Synthetic data">
      <p className="synthetic-banner__text">
        <strong className="tag tag--synthetic">Synthetic data</strong> This store holds a fictional borough made
        by the demo generator. None of these people are real.
      </p>
    </div>
  );
}
