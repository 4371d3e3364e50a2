import { createServer, type Socket } from 'node:net';

interface StoredMessage {
  uid: number;
  raw: Buffer;
  flags: Set<string>;
}

export interface FakeImap {
  port: number;
  /** Puts a letter into the mailbox, unseen, as a delivery would. */
  deliver(raw: string | Buffer): number;
  /** The flags of a letter by UID. */
  flagsOf(uid: number): string[];
  /** Every command received, tag stripped (LOGIN's password masked), to assert the dialogue. */
  commands: string[];
  close(): Promise<void>;
}

type Token = string | Buffer;

/** Splits a command's arguments: atoms, "quoted strings", (lists) kept whole, and literals. */
function tokenize(text: string, literals: Buffer[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (char === ' ') {
      i++;
    } else if (char === '"') {
      let value = '';
      for (i++; i < text.length && text[i] !== '"'; i++) value += text[i] === '\\' ? text[++i] : text[i];
      tokens.push(value);
      i++;
    } else if (char === '(') {
      const end = text.indexOf(')', i);
      tokens.push(text.slice(i, end + 1));
      i = end + 1;
    } else if (char === '\u0000') {
      const end = text.indexOf('\u0000', i + 1);
      tokens.push(literals[Number(text.slice(i + 1, end))] as Buffer);
      i = end + 1;
    } else {
      const end = text.indexOf(' ', i);
      const stop = end === -1 ? text.length : end;
      tokens.push(text.slice(i, stop));
      i = stop;
    }
  }
  return tokens;
}

/** A UID set («1:3,7», «5:*») as a predicate. */
function inSet(set: string, highest: number) {
  const ranges = set.split(',').map((part) => {
    const [from, to = from] = part.split(':').map((n) => (n === '*' ? highest : Number(n)));
    return [Math.min(from as number, to as number), Math.max(from as number, to as number)];
  });
  return (uid: number) => ranges.some(([from, to]) => uid >= (from as number) && uid <= (to as number));
}

/**
 * A small IMAP4rev1 server on loopback for tests, speaking the real protocol subset a client
 * needs to poll a mailbox: CAPABILITY, LOGIN, LIST/LSUB, SELECT/EXAMINE, UID SEARCH (ALL, UNSEEN),
 * UID FETCH (UID, FLAGS, RFC822.SIZE, BODY[] / BODY.PEEK[]), UID STORE ±FLAGS, NOOP, LOGOUT.
 */
export async function startFakeImap(account: {
  user: string;
  pass: string;
  mailbox: string;
}): Promise<FakeImap> {
  const messages: StoredMessage[] = [];
  const commands: string[] = [];
  let nextUid = 1;

  function session(socket: Socket) {
    let buffer = Buffer.alloc(0);
    let pending: { text: string; literals: Buffer[] } = { text: '', literals: [] };
    let askedForLiteral = false;
    let authenticated = false;
    let selected = false;
    const send = (line: string | Buffer) => socket.write(line);
    const line = (text: string) => send(`${text}\r\n`);
    const flagList = (message: StoredMessage) => `(${[...message.flags].join(' ')})`;
    const seqOf = (message: StoredMessage) => messages.indexOf(message) + 1;

    function fetch(tag: string, set: string, items: string) {
      const wanted = items.toUpperCase();
      const highest = messages.at(-1)?.uid ?? 0;
      for (const message of messages.filter((m) => inSet(set, highest)(m.uid))) {
        if (wanted.includes('BODY[]')) message.flags.add('\\Seen');
        const parts = [`UID ${message.uid}`];
        if (wanted.includes('FLAGS')) parts.push(`FLAGS ${flagList(message)}`);
        if (wanted.includes('RFC822.SIZE')) parts.push(`RFC822.SIZE ${message.raw.length}`);
        if (wanted.includes('BODY.PEEK[]') || wanted.includes('BODY[]')) {
          send(`* ${seqOf(message)} FETCH (${parts.join(' ')} BODY[] {${message.raw.length}}\r\n`);
          send(message.raw);
          line(')');
        } else {
          line(`* ${seqOf(message)} FETCH (${parts.join(' ')})`);
        }
      }
      line(`${tag} OK UID FETCH completed`);
    }

    function store(tag: string, set: string, action: string, flags: string) {
      const names = flags.replace(/[()]/g, '').split(' ').filter(Boolean);
      const highest = messages.at(-1)?.uid ?? 0;
      for (const message of messages.filter((m) => inSet(set, highest)(m.uid))) {
        for (const name of names)
          action.startsWith('-') ? message.flags.delete(name) : message.flags.add(name);
        if (!action.toUpperCase().endsWith('.SILENT')) {
          line(`* ${seqOf(message)} FETCH (UID ${message.uid} FLAGS ${flagList(message)})`);
        }
      }
      line(`${tag} OK UID STORE completed`);
    }

    function run(tag: string, name: string, args: Token[]) {
      const text = (index: number) => String(args[index] ?? '');
      commands.push(name === 'LOGIN' ? `LOGIN ${text(0)} ***` : [name, ...args.map(String)].join(' '));
      if (name === 'CAPABILITY') {
        line('* CAPABILITY IMAP4rev1 LITERAL+');
        return line(`${tag} OK CAPABILITY completed`);
      }
      if (name === 'NOOP') return line(`${tag} OK NOOP completed`);
      if (name === 'LOGOUT') {
        line('* BYE Logging out');
        line(`${tag} OK LOGOUT completed`);
        return socket.end();
      }
      if (name === 'LOGIN') {
        authenticated = text(0) === account.user && text(1) === account.pass;
        return line(
          authenticated
            ? `${tag} OK LOGIN completed`
            : `${tag} NO [AUTHENTICATIONFAILED] Invalid credentials`,
        );
      }
      if (!authenticated) return line(`${tag} BAD Log in first`);
      const isOurs = (path: string) => path.toUpperCase() === account.mailbox.toUpperCase() || path === '*';
      if (name === 'LIST' || name === 'LSUB') {
        if (isOurs(text(1))) line(`* ${name} (\\HasNoChildren) "/" "${account.mailbox}"`);
        return line(`${tag} OK ${name} completed`);
      }
      if (name === 'SELECT' || name === 'EXAMINE') {
        if (!isOurs(text(0)) || text(0) === '*') return line(`${tag} NO [NONEXISTENT] No such mailbox`);
        selected = true;
        line('* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)');
        line('* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted');
        line(`* ${messages.length} EXISTS`);
        line('* 0 RECENT');
        line('* OK [UIDVALIDITY 1] UIDs valid');
        line(`* OK [UIDNEXT ${nextUid}] Predicted next UID`);
        return line(`${tag} OK [${name === 'SELECT' ? 'READ-WRITE' : 'READ-ONLY'}] ${name} completed`);
      }
      if (!selected || name !== 'UID') return line(`${tag} BAD Command not supported here`);
      const sub = text(0).toUpperCase();
      if (sub === 'SEARCH') {
        const criteria = args.slice(1).map(String).join(' ').toUpperCase();
        const found = messages.filter((m) =>
          criteria === 'UNSEEN' ? !m.flags.has('\\Seen') : criteria === 'ALL',
        );
        line(`* SEARCH${found.map((m) => ` ${m.uid}`).join('')}`);
        return line(`${tag} OK UID SEARCH completed`);
      }
      if (sub === 'FETCH') return fetch(tag, text(1), args.slice(2).map(String).join(' '));
      if (sub === 'STORE') return store(tag, text(1), text(2), args.slice(3).map(String).join(' '));
      return line(`${tag} BAD Unknown UID command`);
    }

    /** Takes whole commands off the buffer, literals ({n} / {n+}) included. */
    function consume() {
      for (;;) {
        const end = buffer.indexOf('\r\n');
        if (end === -1) return;
        const piece = buffer.subarray(0, end).toString('utf8');
        const literal = /\{(\d+)(\+?)\}$/.exec(piece);
        if (literal) {
          const size = Number(literal[1]);
          if (buffer.length < end + 2 + size) {
            if (!literal[2] && !askedForLiteral) line('+ Ready for literal data');
            askedForLiteral = true;
            return;
          }
          const index = pending.literals.push(buffer.subarray(end + 2, end + 2 + size)) - 1;
          pending.text += `${piece.slice(0, literal.index)}\u0000${index}\u0000`;
          buffer = buffer.subarray(end + 2 + size);
          askedForLiteral = false;
          continue;
        }
        const full = pending.text + piece;
        const literals = pending.literals;
        buffer = buffer.subarray(end + 2);
        pending = { text: '', literals: [] };
        const [tag = '*', name = '', ...rest] = tokenize(full, literals).map((t, i) =>
          i < 2 ? String(t) : t,
        );
        run(String(tag), String(name).toUpperCase(), rest);
      }
    }

    line('* OK [CAPABILITY IMAP4rev1 LITERAL+] Fake IMAP ready');
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      consume();
    });
    socket.on('error', () => socket.destroy());
  }

  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    session(socket);
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    port,
    commands,
    deliver(raw) {
      const uid = nextUid++;
      messages.push({ uid, raw: Buffer.isBuffer(raw) ? raw : Buffer.from(raw), flags: new Set() });
      return uid;
    },
    flagsOf: (uid) => [...(messages.find((m) => m.uid === uid)?.flags ?? [])],
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
