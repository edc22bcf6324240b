import type { ScaleConfig } from './config';
import { continuousPattern, DEFAULT_CONTINUOUS_PATTERN } from './protocols/continuous-pattern';
import { dialog06 } from './protocols/dialog-06';
import { mtSics } from './protocols/mt-sics';
import { nciScp01 } from './protocols/nci-scp01';
import type { ScaleProtocol } from './protocols/scale-protocol';
import { toledo8217 } from './protocols/toledo-8217';

export const scaleProtocolFor = (config: Pick<ScaleConfig, 'protocol' | 'unit' | 'pattern'>): ScaleProtocol => {
  switch (config.protocol) {
    case 'toledo-8217':
      return toledo8217(config.unit);
    case 'mt-sics':
      return mtSics();
    case 'dialog-06':
      return dialog06();
    case 'nci-scp01':
      return nciScp01();
    case 'continuous-pattern':
      return continuousPattern(config.pattern ?? DEFAULT_CONTINUOUS_PATTERN);
  }
};
