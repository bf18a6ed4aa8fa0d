// First import of the web suite: describe/it/hooks exist before any test file registers its tests.
import { installGlobals } from './bdd';

installGlobals();
