import type { AppInfo } from '../../../../shared/ipc/contract.js';
import { PlaceholderPage } from '../placeholders/PlaceholderPage.js';

interface MatchingPageProps {
  info: AppInfo;
}

export function MatchingPage({ info }: MatchingPageProps) {
  return <PlaceholderPage page="matching" store={info.store} />;
}
