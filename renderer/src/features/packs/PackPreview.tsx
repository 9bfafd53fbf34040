import type { Block, PackDocument } from '../../../../shared/ipc/channels/packs.js';
import { formatCell, isNumericKind, longDate } from '../../../../shared/util/pack-format.js';

/**
 * The pack as the board will read it, drawn from the same controlled document the PDF and the
 * workbook are written from. The app's Content-Security-Policy allows no frames or plugins, so
 * the PDF itself cannot be embedded; charts and maps are the engine's SVG shown as images.
 */
export function PackPreview({ pack }: { pack: PackDocument }) {
  const r = pack.record;
  return (
    // Scrollable, so keyboard users must be able to focus it to scroll.
    <article className="pack-preview" aria-label="Preview of the board pack" data-testid="pack-preview" tabIndex={0}>
      <div className="pack-page pack-page--title">
        <p className="pack-title">{r.title}</p>
        <p className="body">Data as of {longDate(r.stateDate)}</p>
        {r.synthetic ? <p className="pack-synthetic">Synthetic demonstration data: none of the people or households counted exist.</p> : null}
        <dl className="pack-record">
          <dt>Template</dt>
          <dd>{r.template}</dd>
          <dt>Matching run</dt>
          <dd>{r.linkRun ?? 'none yet'}</dd>
          <dt>Cells withheld</dt>
          <dd>{r.suppressedCells}</dd>
          <dt>Data fingerprint</dt>
          <dd>
            <code>{r.fingerprint.slice(0, 16)}</code>
          </dd>
        </dl>
      </div>
      {pack.sections.map((section, i) => (
        <section key={section.id} className="pack-page" aria-labelledby={`pack-s-${section.id}`}>
          <h3 className="heading-m" id={`pack-s-${section.id}`}>
            {i + 1} {section.title}
          </h3>
          {section.blocks.map((block, j) => (
            <PreviewBlock key={j} block={block} />
          ))}
        </section>
      ))}
      <section className="pack-page" aria-labelledby="pack-notes">
        <h3 className="heading-m" id="pack-notes">
          Notes on the figures
        </h3>
        {pack.footnotes.map((n) => (
          <p key={n} className="body pack-small">
            {n}
          </p>
        ))}
      </section>
    </article>
  );
}

function PreviewBlock({ block }: { block: Block }) {
  switch (block.type) {
    case 'heading':
      return <h4 className="heading-s">{block.text}</h4>;
    case 'paragraph':
      return <p className="body">{block.text}</p>;
    case 'bullets':
      return (
        <ul className="body pack-list">
          {block.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      );
    case 'no-data':
      return <p className="body pack-no-data">{block.text}</p>;
    case 'figures':
      return (
        <dl className="pack-figures">
          {block.items.map((item) => (
            <div key={item.label} className="pack-figure">
              <dt>{item.label}</dt>
              <dd>{formatCell(item.value, item.kind)}</dd>
            </div>
          ))}
        </dl>
      );
    case 'table':
      return (
        <div className="table-wrapper">
          <table className="table">
            <caption className="table__caption">{block.caption}</caption>
            <thead>
              <tr>
                {block.columns.map((c) => (
                  <th key={c.key} scope="col" className={isNumericKind(c.kind) ? 'numeric' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, i) => (
                <tr key={i} className={row.total ? 'pack-total' : undefined}>
                  {row.cells.map((cell, j) => {
                    const kind = block.columns[j]?.kind ?? 'text';
                    return (
                      <td key={j} className={isNumericKind(kind) ? 'numeric' : undefined}>
                        {formatCell(cell, kind)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {block.notes.map((n) => (
            <p key={n} className="body pack-small">
              {n}
            </p>
          ))}
        </div>
      );
    case 'svg':
      return (
        <figure className="pack-figure-svg">
          <figcaption className="body pack-small">{block.caption}</figcaption>
          <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(block.svg)}`} alt={block.alt} width={block.width} height={block.height} />
        </figure>
      );
  }
}
