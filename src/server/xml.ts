/** XML text helpers shared by the XML protocols (EC2 query, S3 REST). */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes element text (quotes stay as they are, as AWS writes them); drops characters XML 1.0 cannot carry at all. */
export function escapeXml(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>]/g, (c) => ENTITIES[c]!);
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** The error envelope of the query protocols (EC2's), also used when no service could be told. */
export function queryErrorXml(code: string, message: string, requestId: string): string {
  return `${XML_DECLARATION}\n<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`;
}
