package io.veriscore.app.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * Veriscore's contracts on one chain, deployed on first use. The chain is told by its id and the block the registry was
 * deployed in (the anchor); its genesis hash is kept for display.
 */
@Entity
@Immutable
@Table(name = "chain_deployment")
public class ChainDeployment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "chain_id")
    public long chainId;

    @Column(name = "genesis_hash")
    public String genesisHash;

    @Column(name = "registry_address")
    public String registryAddress;

    @Column(name = "verifier_address")
    public String verifierAddress;

    public String account;

    /** SHA-256 of the ScoreRegistry creation code deployed; null for deployments made before V11 recorded it. */
    @Column(name = "registry_code_sha256")
    public String registryCodeSha256;

    /** The block the registry was deployed in; null for deployments made before V15 recorded it. */
    @Column(name = "anchor_block_number")
    public Long anchorBlockNumber;

    @Column(name = "anchor_block_hash")
    public String anchorBlockHash;

    @Column(name = "created_at")
    public Instant createdAt;
}
