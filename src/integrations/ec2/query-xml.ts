// The few values the ec2Autoscale client reads from Auto Scaling query-protocol answers: the
// text of elements by name, and an ErrorResponse's code and message. Not a general XML parser:
// these answers are flat enough that the first/every occurrence of an element is what is meant.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

/** The text of every <name>...</name> element, in document order. */
export function elementTexts(xml: string, name: string): string[] {
  const pattern = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`, 'g');
  return [...xml.matchAll(pattern)].map((match) => decode(match[1]!));
}

/** An ErrorResponse as the AWS SDK words it: "Code: Message". */
export function awsErrorText(xml: string, status: number): string {
  const code = elementTexts(xml, 'Code')[0];
  const message = elementTexts(xml, 'Message')[0];
  if (code === undefined) return `unexpected response status ${status}`;
  return message === undefined ? code : `${code}: ${message}`;
}
