/**
 * The fixed numbers of the traffic model. They are constants, not options, so
 * that the same scenario always gives the same packets, bytes and times.
 */

/** One-way delay between two addresses of a VPC (interfaces, AWS's own services). */
export const LATENCY_IN_VPC = 0.0002;
/** One-way delay when one end is outside the VPC. */
export const LATENCY_INTERNET = 0.010;
/** Gap between back-to-back packets of one sender: full-size segments at about 1.2 Gbit/s. */
export const BACK_TO_BACK = 0.00001;

export const MTU = 1500;

/** Linux's initial retransmission timeout (TCP_TIMEOUT_INIT) and its ceiling (TCP_RTO_MAX). */
export const SYN_RTO = 1;
export const RTO_MAX = 120;
/** Linux's net.ipv4.tcp_syn_retries. */
export const DEFAULT_SYN_RETRIES = 6;
/**
 * Dropped data and FIN segments: resent after 1 s, doubling, at most 5 times, then the
 * connection is given up without a RST (Linux uses an RTT-based timeout and 15 tries;
 * this keeps long outages short and countable).
 */
export const DATA_RTO = 1;
export const DATA_MAX_RETRANSMITS = 5;
/** The client's port stays taken this long after it closes (Linux TCP_TIMEWAIT_LEN). */
export const TIME_WAIT = 60;

/** Linux's default net.ipv4.ip_local_port_range. */
export const EPHEMERAL_LOW = 32768;
export const EPHEMERAL_HIGH = 60999;

export const DEFAULT_PROGRESS_EVERY = 100_000;
