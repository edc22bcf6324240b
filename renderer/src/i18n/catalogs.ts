import type { Language } from '@shared/roles';
import { ar } from './ar';
import { en } from './en';
import { fr, type Catalog } from './fr';

export const catalogs: Record<Language, Catalog> = { fr, en, ar };
