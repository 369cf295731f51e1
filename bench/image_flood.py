#!/usr/bin/env python3
"""Worst-case image load: N concurrent uploads of a 194 KB PNG that decodes to 5000 x 5000 pixels at 16 bits per
channel with alpha (200 MB as decoded samples). Prints the answers by status and the service's peak resident memory.

usage: bench/image_flood.py URL API_KEY SERVICE_PID [N]
"""
import base64, collections, http.client, json, struct, sys, threading, time, urllib.parse, zlib


def worst_case_png(width=5000, height=5000):
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    packer = zlib.compressobj(9)
    row = b'\x00' * (1 + width * 8)
    idat = b''.join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack('>IIBBBBB', width, height, 16, 6, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', idat) + chunk(b'IEND', b'')


def rss_kib(pid):
    with open(f'/proc/{pid}/status') as status:
        return next(int(line.split()[1]) for line in status if line.startswith('VmRSS:'))


def main():
    url, key, pid = urllib.parse.urlparse(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 32
    body = json.dumps({'model': 'stress-mlp', 'image': base64.b64encode(worst_case_png()).decode()})
    answers, lock, peak = collections.Counter(), threading.Lock(), [rss_kib(pid)]
    before = peak[0]

    def upload():
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=300)
        connection.request('POST', '/v1/inferences', body, {'Authorization': 'Bearer ' + key, 'Content-Type': 'application/json'})
        response = connection.getresponse()
        detail = json.loads(response.read() or b'{}').get('detail', '')[:80]
        with lock:
            answers[(response.status, response.getheader('Retry-After'), detail)] += 1

    threads = [threading.Thread(target=upload) for _ in range(count)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        peak[0] = max(peak[0], rss_kib(pid))
        time.sleep(0.05)
    print(f'{count} concurrent worst-case images in {time.monotonic() - start:.1f} s; service RSS before {before / 1024:.0f} MiB,'
          f' peak {peak[0] / 1024:.0f} MiB')
    for (status, retry, detail), n in sorted(answers.items(), key=str):
        print(f'  {n:3d} x {status}' + (f' Retry-After {retry}' if retry else '') + f': {detail}')


if __name__ == '__main__':
    main()
