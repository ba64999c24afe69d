import { randomUUID } from 'node:crypto';
import type { IGossipServer } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import { UUID } from '@eventstore/db-client/generated/shared_pb';

export interface GossipMember {
  readonly host: string;
  readonly port: number;
  readonly state: 'leader' | 'follower';
  readonly alive?: boolean;
}

/** Gossip.Read, which the client asks when it discovers a cluster (`esdb+discover://`). */
export function gossipService(members: () => readonly GossipMember[]): IGossipServer {
  const instances = new Map<string, string>();
  return {
    read: (_call, callback) => {
      const info = new ClusterInfo().setMembersList(
        members().map((member) => {
          const key = `${member.host}:${member.port}`;
          if (!instances.has(key)) instances.set(key, randomUUID());
          return new MemberInfo()
            .setInstanceId(new UUID().setString(instances.get(key)!))
            .setTimeStamp(String(Date.now() * 10_000))
            .setState(
              member.state === 'leader'
                ? MemberInfo.VNodeState.LEADER
                : MemberInfo.VNodeState.FOLLOWER,
            )
            .setIsAlive(member.alive ?? true)
            .setHttpEndPoint(new EndPoint().setAddress(member.host).setPort(member.port));
        }),
      );
      callback(null, info);
    },
  };
}
