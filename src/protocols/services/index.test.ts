import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { protocolIndex } from '../registry.js';
import { serviceOf } from './index.js';

test('services: server names by domain suffix', () => {
  assert.equal(serviceOf('www.youtube.com'), protocolIndex('youtube'));
  assert.equal(serviceOf('rr3---sn-4g5e6nsz.googlevideo.com'), protocolIndex('youtube'));
  assert.equal(serviceOf('YouTube.com.'), protocolIndex('youtube'));
  assert.equal(serviceOf('teams.microsoft.com'), protocolIndex('teams'));
  assert.equal(serviceOf('www.microsoft.com'), protocolIndex('microsoft'));
  assert.equal(serviceOf('outlook.office365.com'), protocolIndex('microsoft365'));
  assert.equal(serviceOf('s-static.ak.facebook.com'), protocolIndex('facebook'));
  assert.equal(serviceOf('google.de'), protocolIndex('google'));
  assert.equal(serviceOf('upload.wikimedia.org:80'), protocolIndex('wikipedia'));
  assert.equal(serviceOf('notgoogle.com'), 0);
  assert.equal(serviceOf('com'), 0);
  assert.equal(serviceOf(''), 0);
  assert.equal(serviceOf('[ff02::c]:1900'), 0);
  assert.equal(serviceOf('a.'.repeat(200)), 0);
});
