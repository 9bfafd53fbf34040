import { useEffect } from 'react';

interface StartupProblemProps {
  message: string;
  onRetry(): void;
}

export function StartupProblem({ message, onRetry }: StartupProblemProps) {
  useEffect(() => {
    document.title = 'The workbench could not start – Baseline Workbench';
  }, []);
  return (
    <>
      <h1 className="heading-l" tabIndex={-1}>
        The workbench could not start
      </h1>
      <p className="body">{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </>
  );
}
