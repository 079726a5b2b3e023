// Progressive enhancement only: every page works without this file.
// govuk-frontend's components (error summary focus, skip link, service
// navigation toggle, notification banner) start once the body says the
// browser supports them.
import { initAll } from './govuk/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
