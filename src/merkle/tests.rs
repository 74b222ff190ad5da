use super::*;
use proptest::prelude::*;

// The definitions of RFC 9162 §2.1, written as recursively as the RFC states them: the oracle
// the iterative code above must match for every tree of 1 to 17 leaves.

fn mth(entries: &[Vec<u8>]) -> Hash {
    match entries.len() {
        0 => empty_root(),
        1 => leaf_hash(&entries[0]),
        n => {
            let k = split(n);
            node_hash(&mth(&entries[..k]), &mth(&entries[k..]))
        }
    }
}

fn path(m: usize, entries: &[Vec<u8>]) -> Vec<Hash> {
    let n = entries.len();
    if n <= 1 {
        return Vec::new();
    }
    let k = split(n);
    if m < k {
        let mut p = path(m, &entries[..k]);
        p.push(mth(&entries[k..]));
        p
    } else {
        let mut p = path(m - k, &entries[k..]);
        p.push(mth(&entries[..k]));
        p
    }
}

fn subproof(m: usize, entries: &[Vec<u8>], whole: bool) -> Vec<Hash> {
    let n = entries.len();
    if m == n {
        return if whole {
            Vec::new()
        } else {
            vec![mth(entries)]
        };
    }
    let k = split(n);
    if m <= k {
        let mut p = subproof(m, &entries[..k], whole);
        p.push(mth(&entries[k..]));
        p
    } else {
        let mut p = subproof(m - k, &entries[k..], false);
        p.push(mth(&entries[..k]));
        p
    }
}

fn entries(n: usize) -> Vec<Vec<u8>> {
    (0..n).map(|i| format!("entry {i}").into_bytes()).collect()
}

fn leaves(entries: &[Vec<u8>]) -> Vec<Hash> {
    entries.iter().map(|e| leaf_hash(e)).collect()
}

fn hex(text: &str) -> Hash {
    hash_from_hex(text).unwrap()
}

#[test]
fn the_hashes_of_the_empty_tree_and_of_one_empty_leaf_are_the_rfcs() {
    assert_eq!(
        to_hex(&empty_root()),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(root(&[]), empty_root());
    // SHA-256 of the single byte 0x00.
    assert_eq!(
        to_hex(&leaf_hash(b"")),
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
    );
}

#[test]
fn roots_match_certificate_transparencys_reference_vectors() {
    // The eight leaves of the reference test data of RFC 6962's implementations, and the root
    // of each prefix.
    let data = [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ];
    let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];
    let leaves: Vec<Hash> = data
        .iter()
        .map(|d| leaf_hash(&from_hex(d).unwrap()))
        .collect();
    for (n, expected) in roots.iter().enumerate() {
        assert_eq!(root(&leaves[..=n]), hex(expected), "size {}", n + 1);
    }
}

#[test]
fn roots_and_the_frontier_match_the_definition_for_1_to_17_leaves() {
    let all = entries(17);
    let mut frontier = Frontier::new();
    for n in 1..=17 {
        frontier.push(leaf_hash(&all[n - 1]));
        assert_eq!(frontier.size(), n as u64);
        assert_eq!(frontier.root(), mth(&all[..n]), "size {n}");
        assert_eq!(root(&leaves(&all[..n])), mth(&all[..n]), "size {n}");
        // One perfect subtree per set bit of the size: O(log n) state.
        assert_eq!(frontier.nodes.len(), n.count_ones() as usize);
    }
}

#[test]
fn every_inclusion_proof_of_1_to_17_leaves_is_the_rfcs_and_verifies() {
    for n in 1..=17 {
        let all = entries(n);
        let hashes = leaves(&all);
        let tree_root = mth(&all);
        for m in 0..n {
            let proof = inclusion_proof(&hashes, m).unwrap();
            assert_eq!(proof, path(m, &all), "leaf {m} of {n}");
            assert!(verify_inclusion(
                m as u64, n as u64, &hashes[m], &proof, &tree_root
            ));
            // The wrong leaf, index or root does not verify. (A size is not bound this way: leaf 0
            // of 3 has the same path in a tree of 4, so the size is checked through the root.)
            let other = leaf_hash(b"not in the tree");
            assert!(!verify_inclusion(
                m as u64, n as u64, &other, &proof, &tree_root
            ));
            if n > 1 {
                let wrong_index = (m + 1) % n;
                assert!(!verify_inclusion(
                    wrong_index as u64,
                    n as u64,
                    &hashes[m],
                    &proof,
                    &tree_root
                ));
            }
            assert!(!verify_inclusion(
                m as u64,
                n as u64,
                &hashes[m],
                &proof,
                &mth(&all[..n - 1])
            ));
        }
        assert_eq!(inclusion_proof(&hashes, n), None);
        assert!(!verify_inclusion(
            n as u64,
            n as u64,
            &hashes[0],
            &[],
            &tree_root
        ));
    }
}

#[test]
fn every_consistency_proof_between_sizes_up_to_17_is_the_rfcs_and_verifies() {
    let all = entries(17);
    let hashes = leaves(&all);
    for n in 1..=17 {
        let new_root = mth(&all[..n]);
        for m in 0..=n {
            let old_root = mth(&all[..m]);
            let proof = consistency_proof(&hashes[..n], m).unwrap();
            let expected = if m == 0 {
                Vec::new()
            } else {
                subproof(m, &all[..n], true)
            };
            assert_eq!(proof, expected, "{m} -> {n}");
            assert!(
                verify_consistency(m as u64, n as u64, &old_root, &new_root, &proof),
                "{m} -> {n}"
            );
            // A tree that differs in any leaf before m, or a wrong size, is not consistent.
            if m > 0 {
                let mut forged = all[..n].to_vec();
                forged[m - 1] = b"rewritten".to_vec();
                assert!(!verify_consistency(
                    m as u64,
                    n as u64,
                    &mth(&forged[..m]),
                    &new_root,
                    &proof
                ));
                assert!(!verify_consistency(
                    m as u64,
                    n as u64,
                    &old_root,
                    &mth(&forged),
                    &proof
                ));
            }
            if m > 0 && m < n {
                assert!(!verify_consistency(
                    m as u64 + 1,
                    n as u64,
                    &old_root,
                    &new_root,
                    &proof
                ));
            }
        }
        assert_eq!(consistency_proof(&hashes[..n], n + 1), None);
        assert!(!verify_consistency(
            n as u64 + 1,
            n as u64,
            &new_root,
            &new_root,
            &[]
        ));
    }
}

#[test]
fn heads_read_back_as_written_and_name_what_is_wrong() {
    let head = Head {
        size: 12,
        root: leaf_hash(b"x"),
    };
    let text = head.to_string();
    assert_eq!(text.len(), 3 + 64);
    assert_eq!(text.parse::<Head>(), Ok(head));
    assert_eq!(format!(" {text}\n").parse::<Head>(), Ok(head));
    for bad in [
        "12",
        "x:00",
        "12:abc",
        &format!("12 {}", to_hex(&head.root)),
    ] {
        let err = bad.parse::<Head>().unwrap_err();
        assert!(err.contains("SIZE:ROOT"), "{err}");
    }
}

fn flip(hashes: &mut [Hash], byte: usize, bit: u8) {
    let count = hashes.len();
    hashes[(byte / 32) % count][byte % 32] ^= 1 << bit;
}

proptest! {
    #[test]
    fn proofs_verify_and_fail_when_one_byte_flips(
        n in 1usize..300,
        pick in any::<usize>(),
        byte in any::<usize>(),
        bit in 0u8..8,
    ) {
        let hashes: Vec<Hash> = (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        let tree_root = root(&hashes);
        let m = pick % n;
        let mut proof = inclusion_proof(&hashes, m).unwrap();
        prop_assert!(verify_inclusion(m as u64, n as u64, &hashes[m], &proof, &tree_root));
        let mut leaf = hashes[m];
        leaf[byte % 32] ^= 1 << bit;
        prop_assert!(!verify_inclusion(m as u64, n as u64, &leaf, &proof, &tree_root));
        if !proof.is_empty() {
            flip(&mut proof, byte, bit);
            prop_assert!(!verify_inclusion(m as u64, n as u64, &hashes[m], &proof, &tree_root));
        }

        let old = 1 + pick % n;
        let old_root = root(&hashes[..old]);
        let mut proof = consistency_proof(&hashes, old).unwrap();
        prop_assert!(verify_consistency(old as u64, n as u64, &old_root, &tree_root, &proof));
        if !proof.is_empty() {
            flip(&mut proof, byte, bit);
            prop_assert!(!verify_consistency(old as u64, n as u64, &old_root, &tree_root, &proof));
        }
        let mut old_root = old_root;
        old_root[byte % 32] ^= 1 << bit;
        prop_assert!(!verify_consistency(old as u64, n as u64, &old_root, &tree_root, &consistency_proof(&hashes, old).unwrap()));
    }
}
