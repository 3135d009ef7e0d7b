import { describe, expect, it } from 'vitest';
import { apiMessage } from './kube-call';

describe('the API server\'s words for a refusal', () => {
  it('takes the message of the API status, and never the client\'s dump of headers', () => {
    expect(apiMessage(Object.assign(new Error('HTTP-Code: 422'), { body: JSON.stringify({ message: 'Deployment.apps "x" is invalid: spec.replicas: Invalid value' }) }))).toBe('Deployment.apps "x" is invalid: spec.replicas: Invalid value');
    const dump = 'Failed to fetch resource metadata for extensions/v1beta1/Deployment: HTTP-Code: 404\nMessage: Unsuccessful HTTP Request\nBody: "404 page not found\\n"\nHeaders: {"audit-id":"1d22","content-type":"text/plain"}';
    expect(apiMessage(new Error(dump))).toBe('Failed to fetch resource metadata for extensions/v1beta1/Deployment: HTTP 404: "404 page not found\\n"');
    expect(apiMessage(new Error('HTTP-Code: 500\nMessage: Unknown API Status Code!\nBody: ""\nHeaders: {"a":"b"}'))).toBe('HTTP 500: Unknown API Status Code!');
  });
});
