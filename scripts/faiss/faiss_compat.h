// Force-included (g++ -include) when scripts/build-faiss.sh compiles faiss-node's src/faiss.cc.
// faiss-node 0.5.1 is written against faiss 1.7.4, which has a namespace-level `faiss::idx_t`.
// Debian bookworm ships libfaiss 1.7.3, where the type is only spelled `faiss::Index::idx_t`.
#pragma once
#include <faiss/Index.h>

#if FAISS_VERSION_MAJOR == 1 && \
    (FAISS_VERSION_MINOR < 7 || (FAISS_VERSION_MINOR == 7 && FAISS_VERSION_PATCH < 4))
namespace faiss {
using idx_t = Index::idx_t;
}
#endif
