import type { AppInfo } from '../../../../shared/ipc/contract.js';
import { PlaceholderPage } from '../placeholders/PlaceholderPage.js';

interface AreasPageProps {
  info: AppInfo;
}

export function AreasPage({ info }: AreasPageProps) {
  return <PlaceholderPage page="areas" store={info.store} />;
}
