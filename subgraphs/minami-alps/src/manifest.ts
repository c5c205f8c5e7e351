import type { CityManifest } from '@kyodo/kit';

export const manifest: CityManifest = {
  name: 'minami-alps',
  typeName: 'MinamiAlps',
  code: '192082',
  documents: ['documents/minami-alps.yaml'],
};
