// The licence statements the reference data requires (Open Government Licence; OS boundaries).
import type { SectionModule } from './context.js';

export const attributionSection: SectionModule = {
  id: 'attribution',
  title: 'Sources and licences',
  purpose: 'Open Government Licence and Ordnance Survey attribution for the reference data used.',
  build({ providers }) {
    const hasMap = providers.areas.decileMap() !== null;
    return {
      id: 'attribution',
      title: 'Sources and licences',
      blocks: [
        {
          type: 'bullets',
          items: [
            'English Indices of Deprivation: Ministry of Housing, Communities and Local Government. Contains public sector information licensed under the Open Government Licence v3.0.',
            'LSOA, ward and postcode lookups: Office for National Statistics, licensed under the Open Government Licence v3.0.',
            ...(hasMap ? ['Boundaries: Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right.'] : []),
            'Partner data: supplied under the data-sharing agreements recorded in the workbench’s data protection record.',
          ],
        },
      ],
    };
  },
};
