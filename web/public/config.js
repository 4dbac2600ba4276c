// Deployment settings for the GovMedia admin app. The deployment overwrites this file, e.g.:
// window.GOVMEDIA_CONFIG = {
//   apiBase: 'https://api.example.gov.cn',           // origin of the HTTP API (no /api/v1)
//   cognitoDomain: 'https://govmedia.auth.cn-north-1.amazoncognito.com',
//   clientId: 'xxxxxxxxxxxxxxxxxxxxxxxxxx',
//   redirectUri: 'https://admin.example.gov.cn/',    // optional, defaults to the app's origin + '/'
// };
// Locally nothing is set: the API is on the same origin and sign-in uses the dev token endpoint.
window.GOVMEDIA_CONFIG = window.GOVMEDIA_CONFIG || {};
