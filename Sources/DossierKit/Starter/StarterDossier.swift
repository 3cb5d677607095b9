// What `dossier init` writes: a small dossier that builds clean at once and shows every content kind.
// The article is the seed dossier's MIA report of 21 November 2023, unchanged; the rest states only what it states.

public enum StarterDossier {
    /// Each file: its path under the new dossier's folder, and its text.
    public static let files: [(path: String, text: String)] = [
        (
            "content/dossier.yaml",
        #"""
        # The dossier as a whole: its title and language, and a summary for the home page.
        # Everything in content/ should state only what the articles state.
        title: "Stoltenberg in Skopje: is Russia a threat to the Balkans?"
        subtitle: "An example dossier made by 'dossier init', from one MIA report of 21 November 2023"
        language: en
        summary: >-
          At a joint press conference in Skopje on 21 November 2023, NATO Secretary General
          Jens Stoltenberg said NATO did not see any imminent military threat from Russia against
          any NATO ally or the region. He was asked about a statement by Ukrainian President
          Volodymyr Zelensky that Russia has a plan for military destabilization on the Balkans.
        """#
        ),
        (
            "content/articles/mia-2023-11-21-no-imminent-threat.md",
        #"""
        ---
        # A source article: its metadata here, its text below as the outlet published it. Claims quote it by its
        # file name (without .md); every quote is checked against this text when the site is built.
        title: "We don't see any imminent military threat from Russia against any NATO ally or region, says Stoltenberg"
        # The outlet: its name, or the id of an actor of this dossier that published it, or "unknown".
        source: "MIA"
        published: 2023-11-21
        language: en
        ---
        \- We don't see any imminent military threat from Russia against any NATO ally or the region. But, of course, we remain vigilant, we monitor closely what Russia is doing, and we remain united, NATO Secretary General Jens Stoltenberg told Tuesday's joint press conference with Prime Minister Dimitar Kovachevski in Skopje.

        Skopje, 21 November 2023 (MIA) - We don't see any imminent military threat from Russia against any NATO ally or the region. But, of course, we remain vigilant, we monitor closely what Russia is doing, and we remain united, NATO Secretary General Jens Stoltenberg told Tuesday's joint press conference with Prime Minister Dimitar Kovachevski in Skopje.

        "We have military presence in this region with KFOR, with the Headquarters in Sarajevo and with the Office in Belgrade, and we are ready to quickly reinforce and to do what is necessary to defend and protect every ally against any threat. But again, we don't see any imminent military threat against any NATO ally. Then we continue to reiterate our consistent message to Russia that they should refrain from the aggressive actions against neighbors and of course stop the military aggression against Ukraine. And they should respect international law, and also the right for every nation to choose its own path," Stoltenberg told reporters when asked to comment on last week's statement by Ukrainian President Volodymyr Zelensky that he has information that Russia has a plan for military destabilization on the Balkans.

        One of the reasons why Russian President Putin went to war against Ukraine, Stoltenberg pointed out, was that he didn't want Ukraine to join the Alliance.

        "And he wanted more than that. He actually wanted NATO to guarantee no further NATO enlargement, to remove all its forces from the eastern part of the Alliance. Putin is getting exactly the opposite. He's getting more NATO, more NATO presence in the eastern part of the Alliance, and now two new NATO members - Finland and Sweden. This is a big strategic defeat for President Putin, and it demonstrates again that it was a big mistake to invade Ukraine. I welcome the support from North Macedonia, from NATO allies, to continue to support Ukraine. We just had new announcements today from Germany and also recently from the United States of more military support to Ukraine. So, we will be there to continue to support Ukraine and their right for self-defence against the Russian aggression," said the NATO Secretary General.

        In response to the same question, PM Kovachevski pointed out that the information exchanged between the institutions inside the country, as well as with the allies in NATO, is that there is no threat for the country's stability and security. He underlined that the country and the other NATO member states are fighting against Russian influence in the region.

        "We are a NATO member country and I assure you that the institutions are doing their job. We must not forget that all entities and political stakeholders have an obligation to contribute to peace and stability. Of course the influence from third countries, including Russian influence, exists in the region and they are always trying to find someone who thinks alike in certain individuals, political parties and in certain organizations. But they are not on the level that our institutions have, that NATO member states have, and that our security services have, and they cannot cause destabilization of our country," PM Kovachevski stressed.

        Photo: Print screen
        """#
        ),
        (
            "content/actors/stoltenberg.md",
        #"""
        ---
        # An actor: a person or an organisation. Its name and aliases are found in the articles' text and linked
        # to this page; list here every spelling the articles use.
        name: "Jens Stoltenberg"
        kind: person
        aliases: ["Stoltenberg"]
        role: "NATO Secretary General"
        ---
        Notes in Markdown below the front matter appear on the actor's page. At the joint press conference in Skopje on
        21 November 2023 he said NATO saw no imminent military threat from Russia against any NATO ally or the region.
        """#
        ),
        (
            "content/actors/zelensky.md",
        #"""
        ---
        # A second actor. Aliases cover other spellings of the name ("dossier suggest" proposes ones the articles use).
        name: "Volodymyr Zelensky"
        kind: person
        aliases: ["Zelensky"]
        role: "Ukrainian President"
        ---
        In the week before 21 November 2023 he stated that he had information that Russia has a plan for military
        destabilization on the Balkans.
        """#
        ),
        (
            "content/locations/skopje.md",
        #"""
        ---
        # A location: a place the articles name. Like actors, its name and aliases are linked where the text has them.
        name: "Skopje"
        kind: city
        ---
        Venue of the joint press conference on 21 November 2023.
        """#
        ),
        (
            "content/propositions/russia-plans-to-destabilise-balkans.md",
        #"""
        ---
        # A proposition: a statement that claims affirm or deny. The contradictions page shows who stands where.
        statement: "Russia plans to destabilise the Balkans."
        ---
        """#
        ),
        (
            "content/claims/zelensky-russia-plans-to-destabilise-balkans.md",
        #"""
        ---
        # A claim: what an actor (the claimant) said, its stance on a proposition, and the evidence: quotes that
        # must appear word for word in the article named.
        claimant: zelensky
        summary: "Russia has a plan to destabilise the Balkans."
        proposition: russia-plans-to-destabilise-balkans
        stance: affirms
        # A date may be a day, a month ("2023-11") or a year; the article dates the statement only to last week.
        date: "2023-11"
        evidence:
          - article: mia-2023-11-21-no-imminent-threat
            quote: "he has information that Russia has a plan for military destabilization on the Balkans"
        ---
        The MIA report of 21 November 2023 calls it "last week's statement".
        """#
        ),
        (
            "content/claims/stoltenberg-no-imminent-military-threat.md",
        #"""
        ---
        # A second claim, which contradicts the first: 'contradicts' names the claims it cannot stand with.
        claimant: stoltenberg
        summary: "NATO sees no imminent military threat from Russia against any NATO ally or the region."
        date: 2023-11-21
        location: skopje
        contradicts: [zelensky-russia-plans-to-destabilise-balkans]
        evidence:
          - article: mia-2023-11-21-no-imminent-threat
            quote: "We don't see any imminent military threat from Russia against any NATO ally or the region."
          - article: mia-2023-11-21-no-imminent-threat
            quote: "But again, we don't see any imminent military threat against any NATO ally."
        ---
        Said when asked about Zelensky's statement.
        """#
        ),
        (
            ".gitignore",
        #"""
        # What 'dossier build' writes: rebuilt from content/ on every commit, never committed.
        /public/
        # The previous build kept beside public/ while 'dossier serve' runs (and what an interrupted build leaves).
        .*.dossier-staging/
        """#
        ),
        (
            ".github/workflows/dossier.yml",
        #"""
        # Rebuilds the site on every commit and publishes it with GitHub Pages (Settings → Pages → Source: GitHub Actions).
        # Any static host works the same way: upload public/ after 'dossier build'.
        name: dossier
        on:
          push:
            branches: [main]
          pull_request:
          workflow_dispatch:
        permissions:
          contents: read
          pages: write
          id-token: write
        concurrency:
          group: pages
          cancel-in-progress: false
        env:
          # Where Dossier's source is: set this to the repository you install Dossier from.
          DOSSIER_REPOSITORY: https://github.com/OWNER/dossier.git
          DOSSIER_REF: main
        jobs:
          build:
            runs-on: ubuntu-24.04
            steps:
              - uses: actions/checkout@v4
              - name: Install Swift and libcmark
                run: |
                  sudo apt-get update
                  sudo apt-get install -y libcmark-dev
                  curl -fsSL https://download.swift.org/swift-6.1-release/ubuntu2404/swift-6.1-RELEASE/swift-6.1-RELEASE-ubuntu24.04.tar.gz | tar xz -C "$RUNNER_TEMP"
                  echo "$RUNNER_TEMP/swift-6.1-RELEASE-ubuntu24.04/usr/bin" >> "$GITHUB_PATH"
              - name: Build Dossier
                run: |
                  git clone --depth 1 --branch "$DOSSIER_REF" "$DOSSIER_REPOSITORY" "$RUNNER_TEMP/dossier"
                  swift build -c release --product dossier --package-path "$RUNNER_TEMP/dossier"
                  echo "$RUNNER_TEMP/dossier/.build/release" >> "$GITHUB_PATH"
              - name: Check the content (a bad quote fails the build; problems become annotations)
                run: dossier check --format github
              - name: Build the site
                run: dossier build
              - uses: actions/upload-pages-artifact@v3
                with:
                  path: public
          deploy:
            if: github.ref == 'refs/heads/main'
            needs: build
            runs-on: ubuntu-24.04
            environment:
              name: github-pages
              url: ${{ steps.deployment.outputs.page_url }}
            steps:
              - id: deployment
                uses: actions/deploy-pages@v4
        """#
        ),
    ]
}

/// This build of Dossier.
public enum DossierVersion {
    public static let current = "0.1.0"
}
