import { pcapFile } from '../../test/conformance/implementations.js';
import { runPacketSourceConformance } from '../../test/conformance/packet-source.case.js';

runPacketSourceConformance(pcapFile);
