package io.taskledger.projections.users;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface DirectoryAccountRepository extends JpaRepository<DirectoryAccount, String> {

    List<DirectoryAccount> findAllByOrderByUsername();
}
