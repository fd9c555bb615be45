// One review task as the validation view holds it: its JSON and the ETag it
// was read with, which every change sends as If-Match. A change refused
// because the task changed meanwhile (412) reads the task again and rejects
// with the error marked `stale`, so that the view can say so.
export function taskClient(api, id) {
  const base = `/api/v1/review/tasks/${encodeURIComponent(id)}`;
  const client = {
    task: null,
    etag: '',
    base,
    async read() {
      const { data, headers } = await api.exchange('GET', base);
      client.task = data;
      client.etag = headers.get('ETag') || '';
      return data;
    },
    // POSTs .../{action} with If-Match; resolves to the task as it is now.
    async change(action, body) {
      try {
        const { data, headers } = await api.exchange('POST', `${base}/${action}`, body,
          { headers: { 'If-Match': client.etag } });
        client.task = data;
        client.etag = headers.get('ETag') || client.etag;
        return data;
      } catch (error) {
        if (error.status === 412) {
          await client.read();
          error.stale = true;
        }
        throw error;
      }
    },
    history: () => api.get(`${base}/history`),
    check: (field, value) => api.post(`${base}/fields/${encodeURIComponent(field)}/check`, { value }),
    pageUrl: (page, width) => `${base}/pages/${page}?width=${width}`,
  };
  return client;
}
