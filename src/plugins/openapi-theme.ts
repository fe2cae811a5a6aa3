/**
 * What Swagger UI's page lets us fix from outside (measured with axe-core at
 * 1366 and 320 px): text contrast of at least 4.5:1 on its method labels,
 * badges, links and Authorize button. What stays is its markup's (see
 * src/plugins/openapi.ts).
 */
const CSS = `
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1d64a8; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #137333; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #8f4e00; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #0b6b5d; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b3261e; }
.swagger-ui .info .title small { background: #4b5563; }
.swagger-ui .info .title small.version-stamp { background: #356200; }
.swagger-ui .info a.link, .swagger-ui .info .url, .swagger-ui .info a { color: #1d64a8; }
.swagger-ui .btn.authorize { color: #137333; border-color: #137333; }
.swagger-ui .btn.authorize svg { fill: #137333; }
.swagger-ui .parameter__in { color: #595959; }
/* The example's numbers and literals, coloured inline by its highlighter. */
.swagger-ui .microlight span[style*="211, 99, 99"] { color: #f28b8b !important; }
`;

/** Swagger UI's page: its title and the stylesheet above. */
export const swaggerUiTheme = {
  title: 'Monster Shop API',
  css: [{ filename: 'monster-shop.css', content: CSS }],
};
