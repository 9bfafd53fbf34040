import { PAGES, type PageId } from './pages.js';

interface NavigationProps {
  current: PageId;
  onNavigate(page: PageId): void;
}

/** Buttons, not links: switching page is app state, and the hosts refuse any URL navigation. */
export function Navigation({ current, onNavigate }: NavigationProps) {
  return (
    <nav className="side-nav" aria-label="Pipeline">
      <ol className="side-nav__list">
        {PAGES.map((page) => (
          <li key={page.id} className="side-nav__item">
            <button
              type="button"
              className={`side-nav__link${page.id === current ? ' side-nav__link--current' : ''}`}
              aria-current={page.id === current ? 'page' : undefined}
              onClick={() => onNavigate(page.id)}
            >
              {page.label}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
