/**
 * @module source/limits
 * Every size a packet source takes from a file is checked against a named limit here, so that a
 * corrupt length field is reported as damage at its offset instead of making the reader wait for, or
 * allocate, gigabytes that will never come.
 */

/**
 * Bytes read from the input per step (and roughly the bytes of one batch). The reader keeps two such
 * buffers (one being parsed, one being filled ahead by the thread pool). The chunk read ahead waits
 * while the current batch is analysed; the smaller it is, the more of it is still in the CPU caches
 * when it is parsed and decoded. On the bench capture the full L2–L4 analysis runs about 10% faster
 * with 1 MiB than with 4 MiB chunks (512 KiB is no faster than 1 MiB), decoding alone is the same,
 * and reading alone is a third slower (more round trips to the thread pool), which no analysis
 * notices. Larger chunks (16 MiB, the plain-JS floor's) are slower still: first-touch page faults.
 */
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/**
 * Largest packet most tools write (libpcap's and Wireshark's maximum snapshot length for every link
 * type we decode). A classic pcap record may be larger only when the file header's snaplen says so.
 */
export const STANDARD_MAX_PACKET_BYTES = 262_144;

/** Largest record (pcap packet record or pcapng block) accepted at all, whatever the header says. */
export const DEFAULT_MAX_RECORD_BYTES = 256 * 1024 * 1024;

/** Most interfaces (pcapng IDBs) one file may describe, over all its sections. */
export const MAX_INTERFACES = 65_536;

/** Size of the compressed reads from a gzip-compressed file. */
export const GZIP_IO_CHUNK_BYTES = 1024 * 1024;

/** Compressed bytes handed to zlib at a time: bounds what one step can inflate to (~17 MiB). */
export const GZIP_INPUT_PIECE_BYTES = 16 * 1024;

/** zlib's output chunk size. */
export const GZIP_OUTPUT_CHUNK_BYTES = 256 * 1024;

/** Packet slots a fresh batch starts with; batches grow (doubling) and are reused. */
export const INITIAL_BATCH_PACKETS = 4096;

/** Largest value an Int32Array length field can hold; larger original lengths are clamped. */
export const MAX_INT32 = 0x7fff_ffff;
