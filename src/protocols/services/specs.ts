/**
 * @module protocols/services/specs
 * Named services (applications run over TLS, QUIC or HTTP, recognised by server name rather than
 * by port or payload) as registry entries, and the domain suffixes that name each one. Data only:
 * registry.ts adds SERVICE_SPECS to the protocol list; index.ts builds the suffix lookup.
 */
import type { ProtocolSpec } from '../registry.js';

interface ServiceSpec extends ProtocolSpec {
  /** Domain suffixes: a name equal to one, or ending in "." + one, is this service. */
  readonly domains: readonly string[];
  /** The registry already lists the service (with its ports): no entry is added. */
  readonly listed?: boolean;
}

const s = (id: string, name: string, category: ProtocolSpec['category'], domains: readonly string[], listed = false): ServiceSpec =>
  ({ id, name, category, domains, listed });

export const SERVICES: readonly ServiceSpec[] = [
  s('youtube', 'YouTube', 'media', ['youtube.com', 'youtu.be', 'ytimg.com', 'googlevideo.com', 'youtube-nocookie.com', 'yt3.ggpht.com']),
  s('netflix', 'Netflix', 'media', ['netflix.com', 'nflxvideo.net', 'nflximg.net', 'nflxext.com', 'nflxso.net']),
  s('google', 'Google', 'web', ['google.com', 'google.de', 'google.co.uk', 'google.co.il', 'google.fr', 'googleapis.com', 'gstatic.com', 'googleusercontent.com',
    'google-analytics.com', 'googletagmanager.com', 'googlesyndication.com', 'googleadservices.com', 'doubleclick.net', 'gvt1.com', 'gvt2.com', 'ggpht.com', 'withgoogle.com']),
  s('facebook', 'Facebook', 'web', ['facebook.com', 'facebook.net', 'fbcdn.net', 'fbsbx.com', 'fb.com', 'messenger.com', 'akamaihd.net']),
  s('instagram', 'Instagram', 'web', ['instagram.com', 'cdninstagram.com']),
  s('whatsapp', 'WhatsApp', 'messaging', ['whatsapp.com', 'whatsapp.net']),
  s('microsoft365', 'Microsoft 365', 'cloud', ['office.com', 'office.net', 'office365.com', 'outlook.com', 'outlook.office365.com', 'sharepoint.com',
    'onedrive.com', 'live.com', 'microsoftonline.com', 'lync.com']),
  s('teams', 'Microsoft Teams', 'voip', ['teams.microsoft.com', 'teams.live.com', 'skype.com']),
  s('microsoft', 'Microsoft', 'web', ['microsoft.com', 'windows.com', 'windowsupdate.com', 'msn.com', 'bing.com', 'azure.com', 'azureedge.net', 'msedge.net']),
  s('apple', 'Apple', 'web', ['apple.com', 'icloud.com', 'mzstatic.com', 'apple-dns.net', 'cdn-apple.com']),
  s('amazon', 'Amazon', 'web', ['amazon.com', 'amazon.de', 'media-amazon.com', 'ssl-images-amazon.com']),
  s('aws', 'Amazon Web Services', 'cloud', ['amazonaws.com', 'cloudfront.net', 'awsstatic.com']),
  s('cloudflare', 'Cloudflare', 'cloud', ['cloudflare.com', 'cloudflare-dns.com', 'cloudflareinsights.com']),
  s('twitter', 'X (Twitter)', 'web', ['twitter.com', 'x.com', 'twimg.com', 't.co']),
  s('tiktok', 'TikTok', 'media', ['tiktok.com', 'tiktokcdn.com', 'tiktokv.com', 'byteoversea.com']),
  s('spotify', 'Spotify', 'media', ['spotify.com', 'scdn.co', 'spotifycdn.com'], true),
  s('zoom', 'Zoom', 'voip', ['zoom.us', 'zoom.com']),
  s('wikipedia', 'Wikipedia', 'web', ['wikipedia.org', 'wikimedia.org']),
  s('github', 'GitHub', 'web', ['github.com', 'githubusercontent.com', 'github.io']),
  s('dropbox', 'Dropbox', 'cloud', ['dropbox.com', 'dropboxapi.com', 'dropboxusercontent.com']),
  s('linkedin', 'LinkedIn', 'web', ['linkedin.com', 'licdn.com']),
  s('ntop', 'ntop', 'web', ['ntop.org']),
];

/** The services as registry entries (no ports: only names identify them). */
export const SERVICE_SPECS: readonly ProtocolSpec[] = SERVICES.filter((x) => x.listed !== true).map(({ id, name, category }) => ({ id, name, category }));
