import { useEffect, useRef, type ReactNode } from 'react';

interface FocusHeadingProps {
  level: 2 | 3;
  children: ReactNode;
  id?: string;
  className?: string;
}

/**
 * A heading that takes focus when it appears. Used where one step of a flow replaces another in
 * place, so keyboard and screen-reader users land on the new step instead of a removed button.
 */
export function FocusHeading({ level, children, id, className = 'heading-m' }: FocusHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: 'start' });
  }, []);
  const Tag = level === 2 ? 'h2' : 'h3';
  return (
    <Tag className={className} id={id} tabIndex={-1} ref={ref}>
      {children}
    </Tag>
  );
}
