import { useEffect, useId, useRef, type ReactNode } from 'react';

interface NotificationBannerProps {
  title: string;
  heading: string;
  children?: ReactNode;
  variant?: 'success' | 'important';
}

/** GOV.UK notification banner; a success banner takes focus so the outcome is announced. */
export function NotificationBanner({ title, heading, children, variant = 'success' }: NotificationBannerProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (variant === 'success') ref.current?.focus();
  }, [variant]);
  return (
    <div
      className={`notification-banner notification-banner--${variant}`}
      role={variant === 'success' ? 'alert' : 'region'}
      aria-labelledby={titleId}
      tabIndex={-1}
      ref={ref}
    >
      <div className="notification-banner__header">
        <h2 className="notification-banner__title" id={titleId}>
          {title}
        </h2>
      </div>
      <div className="notification-banner__content">
        <h3 className="notification-banner__heading">{heading}</h3>
        {children}
      </div>
    </div>
  );
}
